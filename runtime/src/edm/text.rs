//! `Edm.Guid` and `Edm.Binary`.

use base64::Engine as _;

use super::{ParseError, text_value};

/// An `Edm.Guid`: `2026c75e-c75e-2026-5ec7-26205ec72620`, in the letter case
/// it was read with.
///
/// ```
/// use odata_runtime::edm::{Binary, Guid};
///
/// let id = Guid::parse("2026C75E-c75e-2026-5ec7-26205ec72620")?;
/// assert_eq!(id.to_string(), "2026C75E-c75e-2026-5ec7-26205ec72620");
/// assert_eq!(id.to_bytes()[..2], [0x20, 0x26]);
/// assert_eq!(Guid::from_bytes(id.to_bytes()).as_str(), "2026c75e-c75e-2026-5ec7-26205ec72620");
/// assert!(Guid::parse("2026c75e").is_err());
///
/// // `Binary` is base64url; the standard alphabet is read too.
/// assert_eq!(Binary::from_bytes(&[0xfb, 0xff]).as_str(), "-_8=");
/// assert_eq!(Binary::parse("+/8=")?.to_bytes(), [0xfb, 0xff]);
/// # Ok::<(), odata_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(Box<str>);

text_value!(Guid, "Edm.Guid");

impl Guid {
    /// Parses the 8-4-4-4-12 hexadecimal form.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let b = s.as_bytes();
        let valid = b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            });
        if valid { Ok(Guid(s.into())) } else { Err(ParseError::new("Edm.Guid", s)) }
    }

    /// The sixteen bytes, in the order the text writes them.
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        let hex: Vec<u8> = self.0.bytes().filter(|c| *c != b'-').collect();
        for (i, pair) in hex.chunks(2).enumerate() {
            let digit = |c: u8| (c as char).to_digit(16).expect("validated when constructed") as u8;
            out[i] = digit(pair[0]) << 4 | digit(pair[1]);
        }
        out
    }

    /// The lowercase text of sixteen bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let mut s = String::with_capacity(36);
        for (i, b) in bytes.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                s.push('-');
            }
            s.push_str(&format!("{b:02x}"));
        }
        Guid(s.into())
    }
}

/// An `Edm.Binary`: base64url text (OData's form; the standard base64
/// alphabet, which some services send, is accepted too).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(Box<str>);

text_value!(Binary, "Edm.Binary");

const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

impl Binary {
    /// Checks that `s` is base64 or base64url text.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match LENIENT.decode(to_url_alphabet(s)) {
            Ok(_) => Ok(Binary(s.into())),
            Err(_) => Err(ParseError::new("Edm.Binary", s)),
        }
    }

    /// Encodes bytes as padded base64url.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Binary(base64::engine::general_purpose::URL_SAFE.encode(bytes).into())
    }

    /// The decoded bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        LENIENT.decode(to_url_alphabet(&self.0)).expect("validated when constructed")
    }
}

fn to_url_alphabet(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_keep_their_case() {
        let g = Guid::parse("2026C75E-c75e-2026-5ec7-26205ec72620").unwrap();
        assert_eq!(g.as_str(), "2026C75E-c75e-2026-5ec7-26205ec72620");
        assert_eq!(g.to_bytes()[0], 0x20);
        assert_eq!(Guid::from_bytes(g.to_bytes()).as_str(), "2026c75e-c75e-2026-5ec7-26205ec72620");
        for bad in [
            "",
            "2026c75e-c75e-2026-5ec7-26205ec7262",
            "2026c75e_c75e-2026-5ec7-26205ec72620",
            "g026c75e-c75e-2026-5ec7-26205ec72620",
        ] {
            assert!(Guid::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn binary_both_alphabets() {
        assert_eq!(Binary::parse("-_8=").unwrap().to_bytes(), vec![0xfb, 0xff]);
        assert_eq!(Binary::parse("+/8").unwrap().to_bytes(), vec![0xfb, 0xff]);
        assert_eq!(Binary::from_bytes(&[0xfb, 0xff]).as_str(), "-_8=");
        assert!(Binary::parse("a").is_err());
        assert!(Binary::parse("ab$d").is_err());
    }
}
