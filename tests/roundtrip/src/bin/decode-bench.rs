//! The generated types against `serde_json::Value` on a large Graph
//! response: a page of 1,000 users and a mixed directory-object page, each
//! deserialized and serialized again. Prints throughput in MB/s of JSON
//! for both, and the ratio. `cargo xtask bench --runtime` runs it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use golden_graph_subset::microsoft_graph::{User, any};
use odata_runtime::Page;
use serde_json::{Value, json};

/// A user as `GET /users` returns one by default, plus the properties a
/// `$select` typically adds.
fn user(n: usize) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.user",
        "id": format!("87d349ed-44d7-43e1-9a83-{n:012x}"),
        "businessPhones": [format!("+1 425 555 {:04}", n % 10000)],
        "displayName": format!("User Number {n}"),
        "givenName": "User",
        "jobTitle": if n % 3 == 0 { Value::Null } else { json!("Retail Manager") },
        "mail": format!("user{n}@contoso.com"),
        "mobilePhone": null,
        "officeLocation": format!("{}/{}", n % 40, n % 3000),
        "preferredLanguage": "en-US",
        "surname": "Number",
        "userPrincipalName": format!("user{n}@contoso.com"),
        "accountEnabled": n % 7 != 0,
        "createdDateTime": "2019-03-01T00:00:00.1234567Z",
        "department": "Sales",
        "city": "Redmond",
        "country": "United States",
        "usageLocation": "US",
        "assignedLicenses": [{"disabledPlans": [], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}],
        "proxyAddresses": [format!("SMTP:user{n}@contoso.com")],
        "identities": [{"signInType": "userPrincipalName", "issuer": "contoso.com", "issuerAssignedId": format!("user{n}@contoso.com")}],
        "onPremisesExtensionAttributes": {"extensionAttribute1": null, "extensionAttribute2": "cc-42"}
    })
}

/// The members of [`user`] as plain `#[derive(Deserialize)]` structs: no
/// unknown members kept, no `null` remembered, strings for dates and GUIDs.
/// What serde itself reaches on the payload, as a reference for the ratio.
#[allow(dead_code, non_snake_case)]
mod plain {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Page {
        pub value: Vec<User>,
    }

    #[derive(Deserialize)]
    pub struct User {
        #[serde(rename = "@odata.type")]
        odata_type: Option<String>,
        id: Option<String>,
        businessPhones: Vec<String>,
        displayName: Option<String>,
        givenName: Option<String>,
        jobTitle: Option<String>,
        mail: Option<String>,
        mobilePhone: Option<String>,
        officeLocation: Option<String>,
        preferredLanguage: Option<String>,
        surname: Option<String>,
        userPrincipalName: Option<String>,
        accountEnabled: Option<bool>,
        createdDateTime: Option<String>,
        department: Option<String>,
        city: Option<String>,
        country: Option<String>,
        usageLocation: Option<String>,
        assignedLicenses: Vec<License>,
        proxyAddresses: Vec<String>,
        identities: Vec<Identity>,
        onPremisesExtensionAttributes: Option<Extension>,
    }

    #[derive(Deserialize)]
    struct License {
        disabledPlans: Vec<String>,
        skuId: Option<String>,
    }

    #[derive(Deserialize)]
    struct Identity {
        signInType: Option<String>,
        issuer: Option<String>,
        issuerAssignedId: Option<String>,
    }

    #[derive(Deserialize)]
    struct Extension {
        extensionAttribute1: Option<String>,
        extensionAttribute2: Option<String>,
    }
}

fn page(items: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "value": items,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X"
    }))
    .unwrap()
}

/// MB/s of `f` over `bytes`, best of several rounds of at least 200 ms.
fn throughput(bytes: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        let mut n = 0u32;
        while started.elapsed() < Duration::from_millis(200) {
            f();
            n += 1;
        }
        best = best.min(started.elapsed().as_secs_f64() / f64::from(n));
    }
    bytes as f64 / 1e6 / best
}

struct Row {
    name: &'static str,
    bytes: usize,
    typed_de: f64,
    typed_round: f64,
    value_de: f64,
    value_round: f64,
}

fn measure<T: serde::Serialize + serde::de::DeserializeOwned>(name: &'static str, body: &[u8]) -> Row {
    // The typed round trip keeps the JSON.
    let typed: T = serde_json::from_slice(body).unwrap();
    let back: Value = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, serde_json::from_slice::<Value>(body).unwrap(), "{name} must round-trip");
    Row {
        name,
        bytes: body.len(),
        typed_de: throughput(body.len(), || {
            black_box(serde_json::from_slice::<T>(black_box(body)).unwrap());
        }),
        typed_round: throughput(body.len(), || {
            let v: T = serde_json::from_slice(black_box(body)).unwrap();
            black_box(serde_json::to_vec(&v).unwrap());
        }),
        value_de: throughput(body.len(), || {
            black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap());
        }),
        value_round: throughput(body.len(), || {
            let v: Value = serde_json::from_slice(black_box(body)).unwrap();
            black_box(serde_json::to_vec(&v).unwrap());
        }),
    }
}

fn main() {
    let json_out = std::env::args().any(|a| a == "--json");
    let users = page((0..1000).map(user).collect());
    let mixed = page(
        (0..1000)
            .map(|n| match n % 4 {
                0 | 1 => user(n),
                2 => json!({"@odata.type": "#microsoft.graph.group", "id": format!("g{n}"), "displayName": format!("Group {n}"),
                            "groupTypes": ["Unified"], "mailEnabled": true, "securityEnabled": false, "visibility": "Private"}),
                _ => json!({"@odata.type": "#microsoft.graph.device", "id": format!("d{n}"), "displayName": format!("Device {n}"),
                            "operatingSystem": "Windows", "operatingSystemVersion": "10.0.22631"}),
            })
            .collect(),
    );
    if let Some(at) = std::env::args().position(|a| a == "--profile") {
        // Loops one decoder for a profiler: `--profile typed` or `--profile value`.
        let typed = std::env::args().nth(at + 1).as_deref() != Some("value");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if typed {
                black_box(serde_json::from_slice::<Page<User>>(black_box(&users)).unwrap());
            } else {
                black_box(serde_json::from_slice::<Value>(black_box(&users)).unwrap());
            }
        }
        return;
    }
    let plain_de = throughput(users.len(), || {
        black_box(serde_json::from_slice::<plain::Page>(black_box(&users)).unwrap());
    });
    let rows = [
        measure::<Page<User>>("1,000 users (Page<User>)", &users),
        measure::<Page<any::DirectoryObject>>("1,000 mixed directory objects (Page<any::DirectoryObject>)", &mixed),
    ];
    if json_out {
        let items: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{{\"payload\":\"{}\",\"bytes\":{},\"typed_deserialize_mb_s\":{:.1},\"value_deserialize_mb_s\":{:.1},\"typed_round_trip_mb_s\":{:.1},\"value_round_trip_mb_s\":{:.1},\"deserialize_ratio\":{:.2},\"round_trip_ratio\":{:.2}}}",
                    r.name, r.bytes, r.typed_de, r.value_de, r.typed_round, r.value_round, r.typed_de / r.value_de, r.typed_round / r.value_round
                )
            })
            .collect();
        println!("{{\"payloads\":[{}],\"plain_derive_users_deserialize_mb_s\":{plain_de:.1}}}", items.join(","));
        return;
    }
    println!("Generated types against serde_json::Value (MB/s of JSON, best of 5 rounds):");
    for r in &rows {
        println!("  {} ({:.2} MB)", r.name, r.bytes as f64 / 1e6);
        println!(
            "    deserialize     typed {:>7.1}   Value {:>7.1}   ratio {:.2}x",
            r.typed_de,
            r.value_de,
            r.typed_de / r.value_de
        );
        println!(
            "    round trip      typed {:>7.1}   Value {:>7.1}   ratio {:.2}x",
            r.typed_round,
            r.value_round,
            r.typed_round / r.value_round
        );
    }
    println!(
        "  reference: the users' 22 members as plain #[derive(Deserialize)] structs: {plain_de:.1} MB/s, {:.2}x Value",
        plain_de / rows[0].value_de
    );
}
