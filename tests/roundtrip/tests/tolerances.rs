//! Deviations from CSDL that published documents make (the `tolerances`
//! fixture): names with spaces keep their JSON name as published with a
//! clean Rust name (W0012), and a property a derived type declares again
//! with a narrower type (W0013) holds every value of that type; the
//! namespaces `System` and `Loopy.1.VM1` and the alias `loopy-vm` (W0014)
//! are modules whose types keep their qualified names.

use golden_tolerances::tolerated::{Order, Status, any};
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(input: &Value) -> T {
    let value: T = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{e}: {input}"));
    assert_eq!(&serde_json::to_value(&value).unwrap(), input, "round trip of {value:?}");
    value
}

#[test]
fn spaced_names_are_json_names_as_published() {
    // The member written without a space keeps the plain identifier.
    for (variant, name) in [
        (Status::Open, "Open"),
        (Status::Open2, "Open "),
        (Status::InProcess, "In Process"),
        (Status::OnHold, "On        hold"),
    ] {
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(name));
        assert_eq!(serde_json::from_value::<Status>(json!(name)).unwrap(), variant);
    }
    // Trimming is not guessed: another spelling is an unknown member, kept.
    let v: Status = serde_json::from_value(json!(" Open")).unwrap();
    assert_eq!(v, Status::Unrecognized(" Open".into()));

    let order: Order = round_trip(&json!({"Id": 1, "Sales Order": "SO 1", "    Note": "n", "Status": "Open "}));
    assert_eq!(order.sales_order.as_deref(), Some("SO 1"));
    assert_eq!(order.note.as_deref(), Some("n"));
    assert_eq!(order.status, Some(Status::Open2));
    assert!(order.extra.is_empty(), "`Sales Order` is a field, not an unknown member: {:?}", order.extra);
    assert_eq!(Order::SALES_ORDER.name(), "Sales Order");
}

#[test]
fn narrowed_redeclarations_hold_the_narrower_values() {
    let input = json!({
        "Id": 2,
        "Setting": {
            "@odata.type": "#Tolerated.PrimitiveSetting",
            "Value": 42,
            "Label": "answer",
            "Part": {"@odata.type": "#Tolerated.SpecialPart", "Code": "c", "Size": 7}
        }
    });
    let order: Order = round_trip(&input);
    let Some(any::Setting::PrimitiveSetting(setting)) = &order.setting else {
        panic!("expected the derived type: {:?}", order.setting)
    };
    assert_eq!(setting.value, Some(json!(42)));
    assert_eq!(setting.label.as_deref(), Some("answer"));
    match &setting.part {
        Some(any::Part::SpecialPart(part)) => assert_eq!(part.size, Some(7)),
        other => panic!("expected the narrower part: {other:?}"),
    }
}

#[test]
fn tolerated_namespaces_are_modules() {
    use golden_tolerances::{loopy_1_vm1::Source, system::DayOfWeek};
    let order: Order = round_trip(&json!({"Id": 3, "Day": "Monday", "Source": {"Name": "vdb"}}));
    assert_eq!(order.day, Some(DayOfWeek::Monday));
    assert_eq!(order.source.as_ref().and_then(|s| s.name.as_deref()), Some("vdb"));
    // The alias resolved to the namespace: the type is named by it.
    assert_eq!(<Source as odata_runtime::Structured>::QUALIFIED_NAME, "Loopy.1.VM1.Source");
}
