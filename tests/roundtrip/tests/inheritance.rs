//! Polymorphism: `@odata.type` picks the derived type; unknown derived types
//! keep everything; serialization says which derived type a value is.

use golden_inheritance::zoo::{Address, Bird, Dog, Keeper, any};
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug>(input: &Value) -> T {
    let value: T = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{e}: {input}"));
    assert_eq!(&serde_json::to_value(&value).unwrap(), input, "round trip of {value:?}");
    value
}

#[test]
fn derived_types_by_odata_type() {
    let dog = json!({"@odata.type": "#Zoo.dog", "id": "1", "name": "Rex", "legs": 4, "breed": "lab"});
    match round_trip::<any::Animal>(&dog) {
        any::Animal::Dog(d) => {
            assert_eq!(d.breed.as_deref(), Some("lab"));
            assert_eq!(d.legs, Some(4));
        }
        other => panic!("expected a dog: {other:?}"),
    }
    // The alias-qualified name and the form without `#` work too.
    let alias = json!({"@odata.type": "z.mammal", "legs": 2});
    assert!(matches!(round_trip::<any::Animal>(&alias), any::Animal::Mammal(_)));
    // Control information before `@odata.type` is fine.
    let context = json!({"@odata.context": "$metadata#animals/$entity", "@odata.type": "#Zoo.bird", "wingspan": 1.5});
    assert!(matches!(round_trip::<any::Animal>(&context), any::Animal::Bird(_)));
    // Through the root type, every level is reachable.
    let entity: any::Entity = serde_json::from_value(dog.clone()).unwrap();
    assert_eq!(entity.type_name(), "Zoo.dog");
}

#[test]
fn unknown_derived_type_keeps_its_members() {
    let cat = json!({"@odata.type": "#Zoo.cat", "id": "2", "name": "Tom", "whiskers": 12, "friends": []});
    match round_trip::<any::Animal>(&cat) {
        any::Animal::Animal(a) => {
            assert_eq!(a.name.as_deref(), Some("Tom"));
            assert_eq!(a.extra.odata_type(), Some("Zoo.cat"));
            assert_eq!(a.extra.get("whiskers"), Some(&json!(12)));
        }
        other => panic!("expected the base variant: {other:?}"),
    }
    // No `@odata.type`: the declared type.
    assert!(matches!(round_trip::<any::Animal>(&json!({"name": "x"})), any::Animal::Animal(_)));
    // `@odata.type` after the properties is not where OData puts it; the
    // value is read as the declared type, and nothing is lost.
    // (Read from text: a `serde_json::Value` sorts its keys, which puts
    // `@odata.type` first.)
    let late = r##"{"name":"Rex","@odata.type":"#Zoo.dog","breed":"lab"}"##;
    match serde_json::from_str::<any::Animal>(late).unwrap() {
        any::Animal::Animal(a) => {
            assert_eq!(a.extra.get("breed"), Some(&json!("lab")));
            assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::from_str::<Value>(late).unwrap());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn serializing_a_derived_value_names_its_type() {
    let dog = Dog { id: Some("1".into()), breed: Some("lab".into()), ..Dog::default() };
    let animal = any::Animal::from(dog.clone());
    assert_eq!(serde_json::to_value(&animal).unwrap(), json!({"@odata.type": "#Zoo.dog", "id": "1", "breed": "lab"}));
    // As its own type, no annotation is added.
    assert_eq!(serde_json::to_value(&dog).unwrap(), json!({"id": "1", "breed": "lab"}));
}

#[test]
fn collections_and_properties_of_base_types() {
    let keeper = json!({
        "id": "k1",
        "address": {"@odata.type": "#Zoo.postalAddress", "street": "Main St", "code": "12345",
                    "previous": {"street": "Old St", "previous": {"street": "Older St"}},
                    "history": [{"street": "A"}, {"@odata.type": "#Zoo.postalAddress", "code": "9"}]},
        "pets": [
            {"@odata.type": "#Zoo.dog", "id": "1", "breed": "lab"},
            {"@odata.type": "#Zoo.bird", "id": "2", "wingspan": 0.3, "song": "tweet"},
            {"@odata.type": "#Zoo.fish", "id": "3", "fins": 2}
        ],
        "pets@odata.count": 3,
        "photo@odata.mediaReadLink": "keepers('k1')/$value"
    });
    let keeper: Keeper = round_trip(&keeper);
    assert!(matches!(keeper.address.as_ref(), Some(any::Address::PostalAddress(_))));
    let kinds: Vec<&str> = keeper.pets.iter().map(|p| p.type_name()).collect();
    assert_eq!(kinds, ["Zoo.dog", "Zoo.bird", "Zoo.animal"]);
    match &keeper.pets[1] {
        any::Animal::Bird(b) => {
            assert_eq!(b.extra.get("song"), Some(&json!("tweet")), "open type keeps dynamic properties")
        }
        other => panic!("{other:?}"),
    }
    let _ = (Address::default(), Bird::default());
}
