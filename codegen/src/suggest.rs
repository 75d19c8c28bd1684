//! "Did you mean ...?" suggestions.

/// The candidate closest to `name` by edit distance, if one is close
/// enough to be a likely typo (a third of the name's length, at least 1,
/// at most 4 edits; case differences count as half).
pub fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (name.chars().count() / 3).clamp(1, 4) * 2;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = distance(name, c);
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance in half-edits: a substitution that only changes
/// letter case costs 1, any other edit 2.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 8 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * 2).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = (i + 1) * 2;
        for (j, cb) in b.iter().enumerate() {
            let sub = if ca == cb {
                0
            } else if ca.to_lowercase().eq(cb.to_lowercase()) {
                1
            } else {
                2
            };
            cur[j + 1] = (prev[j] + sub).min(prev[j + 1] + 2).min(cur[j] + 2);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos() {
        let names = ["microsoft.graph.entity", "microsoft.graph.security", "microsoft.graph.user"];
        assert_eq!(closest("microsoft.graph.entty", names.iter().copied()), Some("microsoft.graph.entity"));
        assert_eq!(closest("Strin", ["String", "Int32"].iter().copied()), Some("String"));
        assert_eq!(closest("string", ["String", "Int32"].iter().copied()), Some("String"));
        assert_eq!(closest("zzz", ["String"].iter().copied()), None);
    }
}
