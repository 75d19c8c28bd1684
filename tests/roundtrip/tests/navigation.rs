//! Request paths: entity sets, keys, containment, singletons, restrictions.

use golden_navigation::shop::{AuditEntry, Customer, Order, OrderLine, Region, shop};
use golden_navigation::{CollectionRef, EntityRef};
use odata_runtime::Caps;
use odata_runtime::edm::{DateTimeOffset, Guid};
use odata_runtime::request::ServiceRoot;
use serde_json::json;

fn guid() -> Guid {
    Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620").unwrap()
}

#[test]
fn paths_follow_keys_and_navigation() {
    let customer: EntityRef<Customer> = shop::customers().key(&guid());
    assert_eq!(customer.path().as_str(), "customers(2026c75e-c75e-2026-5ec7-26205ec72620)");
    let lines = customer.orders().key(7).lines();
    assert_eq!(lines.path().as_str(), "customers(2026c75e-c75e-2026-5ec7-26205ec72620)/orders(7)/lines");
    let line = lines.key(42, "O'Neil & Co/x", &Region::North);
    assert_eq!(
        line.path().as_str(),
        "customers(2026c75e-c75e-2026-5ec7-26205ec72620)/orders(7)/lines(orderNumber=42,product='O''Neil%20%26%20Co%2Fx',region=Shop.region'north')"
    );
    assert_eq!(shop::me().best_friend().orders().path().as_str(), "me/bestFriend/orders");
    let at = DateTimeOffset::parse("2024-01-01T00:00:00Z").unwrap();
    assert_eq!(shop::me().audit().key(&at).path().as_str(), "me/audit(2024-01-01T00:00:00Z)");
}

#[test]
fn create_on_a_contained_collection() {
    let root = ServiceRoot::new("https://shop.example/odata/").unwrap();
    let body = OrderLine { product: Some("p1".into()), region: Some(Region::South), ..OrderLine::default() };
    let req = shop::me().orders().key(1).lines().create(&body).to_request(&root).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://shop.example/odata/me/orders(1)/lines");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
        json!({"product": "p1", "region": "south"})
    );
}

#[test]
fn restricted_collections_are_read_only() {
    // These bindings only compile with the capabilities the metadata
    // implies: the `archive` set and `audit` collection have
    // `Insertable=false`, so their type has no `create`.
    let _archive: CollectionRef<Order, Caps<false, true, true>> = shop::archive();
    let _audit: CollectionRef<AuditEntry, Caps<false, true, true>> = shop::customers().key(&guid()).audit();
    let _orders: CollectionRef<Order> = shop::customers().key(&guid()).orders();
}

/// Generated types are `Send`, `Sync`, `Unpin` and unwind-safe: declared by
/// `structured_impls!` (inferring them overflows on dense services such as
/// Dynamics CRM, whose crate in the corpus checks the same), and they can
/// cross threads.
#[test]
fn generated_types_cross_threads() {
    fn auto_traits<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    auto_traits::<golden_navigation::shop::Customer>();
    auto_traits::<golden_navigation::shop::Order>();
    let customer: golden_navigation::shop::Customer =
        serde_json::from_value(serde_json::json!({"bestFriend": {"orders": []}})).unwrap();
    let back = std::thread::spawn(move || customer).join().unwrap();
    assert!(back.best_friend.is_some());
}
