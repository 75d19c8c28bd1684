//! The generated types against what a Rust program would otherwise use,
//! on three Graph responses: a page of 1,000 users, a page of 1,000
//! directory objects of mixed types, and a page of 200 messages with HTML
//! bodies. Each payload is decoded and encoded with the generated types
//! (lossless: unknown members and explicit `null`s kept), with
//! `serde_json::Value`, and with plain `#[derive(Deserialize, Serialize)]`
//! structs of the members received (nothing kept, dates and GUIDs as
//! strings). Prints throughput in MB/s of JSON and the ratios. `cargo
//! xtask bench --runtime` runs it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use golden_graph_subset::microsoft_graph::{Message, User, any};
use odata_runtime::Page;
use serde::Serialize;
use serde::de::DeserializeOwned;
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

/// The members of the payloads as plain `#[derive(Deserialize, Serialize)]`
/// structs: no unknown members kept, no `null` remembered, strings for
/// dates, GUIDs and enums. What serde itself reaches on the payloads, as
/// a reference for the ratios.
#[allow(dead_code, non_snake_case)]
mod plain {
    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize)]
    pub struct Page<T> {
        pub value: Vec<T>,
    }

    #[derive(Deserialize, Serialize)]
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

    #[derive(Deserialize, Serialize)]
    pub struct License {
        disabledPlans: Vec<String>,
        skuId: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Identity {
        signInType: Option<String>,
        issuer: Option<String>,
        issuerAssignedId: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Extension {
        extensionAttribute1: Option<String>,
        extensionAttribute2: Option<String>,
    }

    /// A directory object of the mixed page: the members of users, groups
    /// and devices, each optional.
    #[derive(Deserialize, Serialize)]
    pub struct DirectoryObject {
        #[serde(rename = "@odata.type")]
        odata_type: Option<String>,
        id: Option<String>,
        displayName: Option<String>,
        businessPhones: Option<Vec<String>>,
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
        assignedLicenses: Option<Vec<License>>,
        proxyAddresses: Option<Vec<String>>,
        identities: Option<Vec<Identity>>,
        onPremisesExtensionAttributes: Option<Extension>,
        groupTypes: Option<Vec<String>>,
        mailEnabled: Option<bool>,
        securityEnabled: Option<bool>,
        visibility: Option<String>,
        operatingSystem: Option<String>,
        operatingSystemVersion: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Message {
        #[serde(rename = "@odata.etag")]
        etag: Option<String>,
        id: Option<String>,
        createdDateTime: Option<String>,
        lastModifiedDateTime: Option<String>,
        changeKey: Option<String>,
        categories: Vec<String>,
        receivedDateTime: Option<String>,
        sentDateTime: Option<String>,
        hasAttachments: Option<bool>,
        internetMessageId: Option<String>,
        subject: Option<String>,
        bodyPreview: Option<String>,
        importance: Option<String>,
        parentFolderId: Option<String>,
        conversationId: Option<String>,
        conversationIndex: Option<String>,
        isDeliveryReceiptRequested: Option<bool>,
        isReadReceiptRequested: Option<bool>,
        isRead: Option<bool>,
        isDraft: Option<bool>,
        webLink: Option<String>,
        inferenceClassification: Option<String>,
        body: Option<Body>,
        sender: Option<Recipient>,
        from: Option<Recipient>,
        toRecipients: Vec<Recipient>,
        ccRecipients: Vec<Recipient>,
        bccRecipients: Vec<Recipient>,
        replyTo: Vec<Recipient>,
        flag: Option<Flag>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Body {
        contentType: Option<String>,
        content: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Recipient {
        emailAddress: Option<EmailAddress>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct EmailAddress {
        name: Option<String>,
        address: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub struct Flag {
        flagStatus: Option<String>,
    }
}

/// A mixed page: users, groups and devices, as `GET /directoryObjects`
/// returns them.
fn directory_object(n: usize) -> Value {
    match n % 4 {
        0 | 1 => user(n),
        2 => {
            json!({"@odata.type": "#microsoft.graph.group", "id": format!("g{n}"), "displayName": format!("Group {n}"),
                    "groupTypes": ["Unified"], "mailEnabled": true, "securityEnabled": false, "visibility": "Private"})
        }
        _ => {
            json!({"@odata.type": "#microsoft.graph.device", "id": format!("d{n}"), "displayName": format!("Device {n}"),
                    "operatingSystem": "Windows", "operatingSystemVersion": "10.0.22631"})
        }
    }
}

/// A message as `GET /me/messages` returns one, with an HTML body of
/// about 1.5 KB (quotes and line breaks escaped in JSON).
fn message(n: usize) -> Value {
    let paragraph = "<p style=\"margin:0\">Hi team,\r\nthe quarterly figures are attached; see \"Q3 results\" for the details &amp; the plan.</p>\r\n";
    let content = format!(
        "<html><head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>{}<p>Message {n}</p></body></html>",
        paragraph.repeat(12)
    );
    let person = |name: &str, address: &str| json!({"emailAddress": {"name": name, "address": address}});
    json!({
        "@odata.etag": format!("W/\"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAYNK{n:04}\""),
        "id": format!("AAMkAGUAAAwTW09AAA{n:06}="),
        "createdDateTime": "2024-02-10T09:05:11Z",
        "lastModifiedDateTime": "2024-02-10T09:05:13Z",
        "changeKey": format!("CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAYNK{n:04}"),
        "categories": [],
        "receivedDateTime": "2024-02-10T09:05:12Z",
        "sentDateTime": "2024-02-10T09:05:09Z",
        "hasAttachments": n % 5 == 0,
        "internetMessageId": format!("<MWHPR1301MB2094{n}@MWHPR1301MB2094.namprd13.prod.outlook.com>"),
        "subject": format!("Quarterly figures, part {n}"),
        "bodyPreview": "Hi team, the quarterly figures are attached; see \"Q3 results\" for the details & the plan.",
        "importance": if n % 9 == 0 { "high" } else { "normal" },
        "parentFolderId": "AAMkAGUAAAAAAEMAAA=",
        "conversationId": format!("AAQkAGUAAJ-p0bW7NVs{n:04}="),
        "conversationIndex": "AQHZXKGMq0Pd5dPNRkepq6Uxh1d3Bw==",
        "isDeliveryReceiptRequested": false,
        "isReadReceiptRequested": false,
        "isRead": n % 2 == 0,
        "isDraft": false,
        "webLink": format!("https://outlook.office365.com/owa/?ItemID=AAMkAGUAAAwTW09AAA{n:06}%3D&exvsurl=1&viewmodel=ReadMessageItem"),
        "inferenceClassification": "focused",
        "body": {"contentType": "html", "content": content},
        "sender": person("Megan Bowen", "MeganB@contoso.com"),
        "from": person("Megan Bowen", "MeganB@contoso.com"),
        "toRecipients": [person("Adele Vance", "AdeleV@contoso.com"), person("Alex Wilber", "AlexW@contoso.com")],
        "ccRecipients": [],
        "bccRecipients": [],
        "replyTo": [],
        "flag": {"flagStatus": "notFlagged"}
    })
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

/// Decode and encode throughput of one representation of a payload.
struct Speed {
    decode: f64,
    encode: f64,
}

fn speed<T: Serialize + DeserializeOwned>(body: &[u8]) -> Speed {
    let value: T = serde_json::from_slice(body).unwrap();
    let encoded = serde_json::to_vec(&value).unwrap().len();
    Speed {
        decode: throughput(body.len(), || {
            black_box(serde_json::from_slice::<T>(black_box(body)).unwrap());
        }),
        // Per byte of the JSON it writes, which for the plain structs
        // (`null` for every absent member) is not the payload's size.
        encode: throughput(encoded, || {
            black_box(serde_json::to_vec(black_box(&value)).unwrap());
        }),
    }
}

struct Row {
    name: &'static str,
    bytes: usize,
    typed: Speed,
    value: Speed,
    plain: Speed,
}

fn measure<T: Serialize + DeserializeOwned, P: Serialize + DeserializeOwned>(name: &'static str, body: &[u8]) -> Row {
    // The typed round trip keeps the JSON.
    let typed: T = serde_json::from_slice(body).unwrap();
    let back: Value = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, serde_json::from_slice::<Value>(body).unwrap(), "{name} must round-trip");
    Row { name, bytes: body.len(), typed: speed::<T>(body), value: speed::<Value>(body), plain: speed::<P>(body) }
}

fn main() {
    let json_out = std::env::args().any(|a| a == "--json");
    let users = page((0..1000).map(user).collect());
    let mixed = page((0..1000).map(directory_object).collect());
    let messages = page((0..200).map(message).collect());
    if let Some(at) = std::env::args().position(|a| a == "--profile") {
        // Loops one operation on the users page for a profiler:
        // `--profile decode|encode [value]`.
        let encode = std::env::args().nth(at + 1).as_deref() == Some("encode");
        let value = std::env::args().any(|a| a == "value");
        let typed: Page<User> = serde_json::from_slice(&users).unwrap();
        let tree: Value = serde_json::from_slice(&users).unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            match (encode, value) {
                (false, false) => drop(black_box(serde_json::from_slice::<Page<User>>(black_box(&users)).unwrap())),
                (false, true) => drop(black_box(serde_json::from_slice::<Value>(black_box(&users)).unwrap())),
                (true, false) => drop(black_box(serde_json::to_vec(black_box(&typed)).unwrap())),
                (true, true) => drop(black_box(serde_json::to_vec(black_box(&tree)).unwrap())),
            }
        }
        return;
    }
    let rows = [
        measure::<Page<User>, plain::Page<plain::User>>("1,000 users (Page<User>)", &users),
        measure::<Page<any::DirectoryObject>, plain::Page<plain::DirectoryObject>>(
            "1,000 mixed directory objects (Page<any::DirectoryObject>)",
            &mixed,
        ),
        measure::<Page<Message>, plain::Page<plain::Message>>("200 messages with bodies (Page<Message>)", &messages),
    ];
    if json_out {
        let items: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{{\"payload\":\"{}\",\"bytes\":{},\"decode_mb_s\":{{\"typed\":{:.1},\"value\":{:.1},\"plain\":{:.1}}},\"encode_mb_s\":{{\"typed\":{:.1},\"value\":{:.1},\"plain\":{:.1}}}}}",
                    r.name, r.bytes, r.typed.decode, r.value.decode, r.plain.decode, r.typed.encode, r.value.encode, r.plain.encode
                )
            })
            .collect();
        println!("{{\"payloads\":[{}]}}", items.join(","));
        return;
    }
    println!("Generated types, serde_json::Value and plain derived structs (MB/s of JSON, best of 5 rounds):");
    for r in &rows {
        println!("  {} ({:.2} MB)", r.name, r.bytes as f64 / 1e6);
        for (what, typed, value, plain) in [
            ("decode", r.typed.decode, r.value.decode, r.plain.decode),
            ("encode", r.typed.encode, r.value.encode, r.plain.encode),
        ] {
            println!(
                "    {what}   typed {typed:>7.1}   Value {value:>7.1}   plain {plain:>7.1}   typed/Value {:.2}x   plain/typed {:.2}x",
                typed / value,
                plain / typed
            );
        }
    }
}
