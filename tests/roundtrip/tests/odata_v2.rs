//! A crate generated from OData v2 metadata (the `odata-v2` golden
//! fixture): verbose JSON read and written back as it was, the v2 forms of
//! requests (literals, `MERGE`, `$links`, `$inlinecount`, function imports
//! with their arguments in the query string), and a multipart `$batch`.

use golden_odata_v2::sales::{Customer, Employee, Order, sales_service};
use odata_runtime::Page;
use odata_runtime::edm::{DateTime, Guid, Int64};
use odata_runtime::http;
use odata_runtime::request::{Protocol, ServiceRoot};
use serde_json::{Value, json};

fn root() -> ServiceRoot {
    ServiceRoot::new("https://host/sap/opu/odata/sap/SALES_SRV").unwrap()
}

fn guid() -> Guid {
    Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620").unwrap()
}

fn answer(status: u16, body: &Value) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(serde_json::to_vec(body).unwrap()).unwrap()
}

/// An entity as SAP Gateway sends it: `__metadata`, a deferred navigation
/// property, dates before 1970 and with an offset.
fn customer_json() -> Value {
    json!({
        "__metadata": {
            "id": "https://host/sap/opu/odata/sap/SALES_SRV/Customers(guid'2026c75e-c75e-2026-5ec7-26205ec72620')",
            "uri": "https://host/sap/opu/odata/sap/SALES_SRV/Customers(guid'2026c75e-c75e-2026-5ec7-26205ec72620')",
            "type": "Sales.Customer",
            "etag": "W/\"datetimeoffset'2013-01-01T01%3A00%3A00%2B01%3A00'\""
        },
        "CustomerID": "2026c75e-c75e-2026-5ec7-26205ec72620",
        "Name": "Ada",
        "Since": "/Date(-2208988800000)/",
        "ChangedAt": "/Date(1356998400000+0060)/",
        "Orders": {"__deferred": {"uri": "https://host/sap/opu/odata/sap/SALES_SRV/Customers(guid'2026c75e-c75e-2026-5ec7-26205ec72620')/Orders"}}
    })
}

#[test]
fn entities_round_trip_with_metadata_and_deferred_navigation() {
    let read: Customer = serde_json::from_value(customer_json()).unwrap();
    assert_eq!(read.name.as_deref(), Some("Ada"));
    assert_eq!(read.since.as_ref().unwrap().to_iso(), "1900-01-01T00:00:00");
    let changed = read.changed_at.as_ref().unwrap();
    assert_eq!((changed.millis(), changed.offset_minutes()), (Some(1_356_998_400_000), Some(60)));
    // Not expanded: the field is empty, the deferred link is kept.
    assert!(read.orders.is_empty());
    assert!(read.extra.get("Orders").unwrap().get("__deferred").is_some());
    assert_eq!(serde_json::to_value(&read).unwrap(), customer_json());
    // The ETag of `__metadata` is the one `if_match_of` sends.
    let update = sales_service::customers().key(&guid()).update_from(&read).if_match_of(&read);
    let request = update.to_request(&root()).unwrap();
    assert_eq!(request.headers()["if-match"], "W/\"datetimeoffset'2013-01-01T01%3A00%3A00%2B01%3A00'\"");
    // A change sends neither `__metadata` nor the deferred link, nor the
    // read-only key; dates go back in the `\/Date(…)\/` form.
    let sent: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        sent,
        json!({"Name": "Ada", "Since": "/Date(-2208988800000)/", "ChangedAt": "/Date(1356998400000+0060)/"})
    );
    let text = std::str::from_utf8(request.body()).unwrap();
    assert!(text.contains(r#""Since":"\/Date(-2208988800000)\/""#), "{text}");
}

#[test]
fn expanded_navigation_in_results_is_read() {
    let json = json!({
        "CustomerID": "2026c75e-c75e-2026-5ec7-26205ec72620",
        "Orders": {"results": [
            {"__metadata": {"type": "Sales.Order"}, "OrderID": "7", "Total": "12.500", "DeliveryWindow": "PT13H20M"}
        ]}
    });
    let read: Customer = serde_json::from_value(json.clone()).unwrap();
    let order = &read.orders[0];
    assert_eq!(order.order_id, Some(Int64::quoted(7)));
    assert_eq!(order.total.as_ref().unwrap().as_str(), "12.500");
    assert_eq!(order.delivery_window.as_ref().unwrap().as_str(), "PT13H20M");
    // Written back as it was read: in `{"results": …}`, also when emptied
    // in code; a collection made in code is the array itself.
    assert_eq!(serde_json::to_value(&read).unwrap(), json);
    let mut emptied = read.clone();
    emptied.orders.clear();
    assert_eq!(serde_json::to_value(&emptied).unwrap()["Orders"], json!({"results": []}));
    let empty = json!({"CustomerID": "2026c75e-c75e-2026-5ec7-26205ec72620", "Orders": {"results": []}});
    let read_empty: Customer = serde_json::from_value(empty.clone()).unwrap();
    assert!(read_empty.orders.is_empty());
    assert_eq!(serde_json::to_value(&read_empty).unwrap(), empty);
    let made = Customer { orders: read.orders.clone(), ..Default::default() };
    assert!(serde_json::to_value(&made).unwrap()["Orders"].is_array());
    // A single-valued navigation, expanded or not.
    let manager: Employee = serde_json::from_value(json!({"EmployeeID": 2, "Manager": {"EmployeeID": 1}})).unwrap();
    assert_eq!(manager.manager.as_ref().unwrap().employee_id, Some(1));
    let deferred = json!({"EmployeeID": 2, "Manager": {"__deferred": {"uri": "Employees(2)/Manager"}}});
    let read: Employee = serde_json::from_value(deferred.clone()).unwrap();
    assert!(read.manager.is_none());
    assert_eq!(serde_json::to_value(&read).unwrap(), deferred);
    // Something that is neither: a typed error, not a guess.
    assert!(serde_json::from_value::<Customer>(json!({"Orders": {"count": 1}})).is_err());
}

#[test]
fn collections_read_results_count_and_next() {
    // `sap:pageable="false"`: no `$top` on `Customers`.
    let top = sales_service::customers().list().top(1).to_request(&root());
    assert!(matches!(top, Err(odata_runtime::request::RequestError::Unsupported { option: "$top", .. })));
    let list = sales_service::customers().list().with_count();
    assert_eq!(list.protocol(), Protocol::V2);
    let request = list.to_request(&root()).unwrap();
    assert_eq!(request.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/Customers?$inlinecount=allpages");
    assert_eq!(request.headers()["maxdataserviceversion"], "2.0");
    let next = "https://host/sap/opu/odata/sap/SALES_SRV/Customers?$inlinecount=allpages&$skiptoken=1";
    let body = json!({"d": {"results": [customer_json()], "__count": "3", "__next": next}});
    let page: Page<Customer> = list.parse_response(&answer(200, &body)).unwrap();
    assert_eq!(page.count, Some(3));
    assert_eq!(page.next_link.as_deref(), Some(next));
    assert_eq!(serde_json::to_value(&page.value[0]).unwrap(), customer_json());
    let second = list.next_page(next).unwrap();
    assert_eq!(second.protocol(), Protocol::V2);
    let last: Page<Customer> = second.parse_response(&answer(200, &json!({"d": {"results": []}}))).unwrap();
    assert!(last.value.is_empty() && last.next_link.is_none());
    // `sap:countable="false"` on `Orders`.
    let count = sales_service::orders().list().with_count().to_request(&root());
    assert!(matches!(count, Err(odata_runtime::request::RequestError::Unsupported { option: "$count", .. })));
    // OData v1: the array itself.
    let v1: Page<Customer> = list.parse_response(&answer(200, &json!({"d": [customer_json()]}))).unwrap();
    assert_eq!(v1.value.len(), 1);
}

#[test]
fn requests_use_the_v2_forms() {
    let customer = sales_service::customers().key(&guid());
    assert_eq!(customer.path().as_str(), "Customers(guid'2026c75e-c75e-2026-5ec7-26205ec72620')");
    let read = customer.get();
    let got: Customer = read.parse_response(&answer(200, &json!({"d": customer_json()}))).unwrap();
    assert_eq!(got.name.as_deref(), Some("Ada"));
    // `Orders` does not allow updates (`sap:updatable="false"`), `Customers` does.
    let changes = odata_runtime::request::Changes::<Customer>::new().set(Customer::NAME, "Bea".to_owned());
    let update = customer.update(&changes).if_match("*").to_request(&root()).unwrap();
    assert_eq!(update.method(), "MERGE");
    assert_eq!(update.headers()["dataserviceversion"], "2.0");
    // `Customers` has an ETag property (`ConcurrencyMode="Fixed"`): no change without one.
    assert!(customer.update(&changes).to_request(&root()).is_err());
    let order = sales_service::orders().key(Int64::new(7).get());
    assert_eq!(order.path().as_str(), "Orders(7L)");
    // References are `$links`, with `{"uri": …}`.
    let manager = sales_service::employees().key(2).manager();
    let set = manager.set_ref(&sales_service::employees().key(1)).to_request(&root()).unwrap();
    assert_eq!(set.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/Employees(2)/$links/Manager");
    let body: Value = serde_json::from_slice(set.body()).unwrap();
    assert_eq!(body, json!({"uri": "https://host/sap/opu/odata/sap/SALES_SRV/Employees(1)"}));
    let reports = sales_service::employees().key(1).reports();
    let remove = reports.remove_ref(&sales_service::employees().key(2)).to_request(&root()).unwrap();
    assert_eq!(remove.method(), "DELETE");
    assert_eq!(remove.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/Employees(1)/$links/Reports(2)");
}

#[test]
fn function_imports_send_their_method_and_query_arguments() {
    let since = DateTime::from_millis(1_356_998_400_000);
    let top = sales_service::top_customers(Some(5), Some(&since)).to_request(&root()).unwrap();
    assert_eq!(top.method(), "GET");
    assert_eq!(
        top.uri(),
        "https://host/sap/opu/odata/sap/SALES_SRV/TopCustomers?Count=5&Since=datetime'2013-01-01T00:00:00'"
    );
    // A parameter left out (`None`) is not sent.
    let all = sales_service::top_customers(Some(5), None).to_request(&root()).unwrap();
    assert_eq!(all.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/TopCustomers?Count=5");
    let release = sales_service::release_order(Some(4711));
    let request = release.to_request(&root()).unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/ReleaseOrder?OrderID=4711L");
    let released = release.parse_response(&answer(200, &json!({"d": {"OrderID": "4711"}}))).unwrap().unwrap();
    assert_eq!(released.order_id, Some(Int64::quoted(4711)));
    let merge = sales_service::merge_customers(Some(&guid()), Some(&guid())).to_request(&root()).unwrap();
    assert_eq!(merge.method(), "MERGE");
    assert!(merge.uri().to_string().ends_with(
        "MergeCustomers?From=guid'2026c75e-c75e-2026-5ec7-26205ec72620'&Into=guid'2026c75e-c75e-2026-5ec7-26205ec72620'"
    ));
    assert_eq!(sales_service::reset_totals().to_request(&root()).unwrap().method(), "PUT");
    // A primitive result is named after the function import.
    let name = sales_service::customer_name(Some(&guid()));
    let got = name.parse_response(&answer(200, &json!({"d": {"CustomerName": "Ada"}}))).unwrap();
    assert_eq!(got.as_deref(), Some("Ada"));
    let purge = sales_service::purge_orders();
    assert_eq!(purge.to_request(&root()).unwrap().method(), "DELETE");
    assert_eq!(purge.parse_response(&answer(200, &json!({"d": {"PurgeOrders": 3}}))).unwrap(), Some(3));
    // The v2 error shape.
    let error = json!({"error": {"code": "SY/530", "message": {"lang": "en", "value": "Order is locked"}}});
    match release.parse_response(&answer(400, &error)) {
        Err(odata_runtime::response::ResponseError::OData { error, .. }) => {
            assert_eq!((error.code.as_str(), error.message.as_str()), ("SY/530", "Order is locked"));
        }
        other => panic!("expected the OData error, got {other:?}"),
    }
}

#[test]
fn orders_are_read_only_by_their_set() {
    // `sap:creatable="false"`, `sap:updatable="false"`: no `create`, no `update`
    // (a compile-time fact; here the types say it).
    let _: golden_odata_v2::CollectionRef<Order, odata_runtime::Caps<false, false, true>> = sales_service::orders();
    let _: golden_odata_v2::CollectionRef<Customer, odata_runtime::Caps<true, true, false>> =
        sales_service::customers();
}

/// A v2 `$batch` as SAP Gateway exchanges it: the request is
/// `multipart/mixed` with a change set; the answer is `202 Accepted`,
/// with blank lines before each delimiter, a change set answer of its own
/// boundary, verbose JSON in the parts and a v2 error for a missing entity.
/// The same answer with bare LF line ends reads the same.
#[test]
fn a_batch_in_the_multipart_form() {
    use odata_runtime::batch::{Batch, Membership};
    use odata_runtime::request::Exchange;
    use odata_runtime::response::{Created, ResponseError};

    let mut batch = Batch::new();
    let first = batch.add(&sales_service::employees().key(1).get()).unwrap();
    let hire = Employee { employee_id: Some(3), ..Default::default() };
    let hired =
        batch.add_as(&sales_service::employees().create(&hire), Membership::id("hire").in_group("staff")).unwrap();
    let missing = batch.add(&sales_service::employees().key(99).get()).unwrap();
    let request = batch.to_request(&root()).unwrap();
    assert_eq!(request.uri(), "https://host/sap/opu/odata/sap/SALES_SRV/$batch");
    assert_eq!(request.headers()["content-type"], "multipart/mixed; boundary=batch_odata");
    assert_eq!(request.headers()["accept"], "multipart/mixed");
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert!(body.contains("\r\nGET Employees(1) HTTP/1.1\r\n"), "{body}");
    assert!(body.contains("Content-ID: hire\r\n\r\nPOST Employees HTTP/1.1\r\n"), "{body}");
    assert!(body.contains("\r\n\r\n{\"EmployeeID\":3}\r\n--changeset_1_odata--"), "{body}");
    assert!(body.contains("\r\nGET Employees(99) HTTP/1.1\r\n"), "{body}");

    let answer = "--batchresponse_5e2f\r\n\
        Content-Type: application/http\r\n\
        Content-Transfer-Encoding: binary\r\n\
        \r\n\
        HTTP/1.1 200 OK\r\n\
        Content-Type: application/json\r\n\
        DataServiceVersion: 2.0\r\n\
        \r\n\
        {\"d\":{\"__metadata\":{\"type\":\"Sales.Employee\"},\"EmployeeID\":1}}\r\n\
        \r\n\
        --batchresponse_5e2f\r\n\
        Content-Type: multipart/mixed; boundary=changesetresponse_77a1\r\n\
        \r\n\
        --changesetresponse_77a1\r\n\
        Content-Type: application/http\r\n\
        Content-Transfer-Encoding: binary\r\n\
        \r\n\
        HTTP/1.1 201 Created\r\n\
        Content-Type: application/json\r\n\
        location: https://host/sap/opu/odata/sap/SALES_SRV/Employees(3)\r\n\
        \r\n\
        {\"d\":{\"__metadata\":{\"type\":\"Sales.Employee\"},\"EmployeeID\":3}}\r\n\
        --changesetresponse_77a1--\r\n\
        \r\n\
        --batchresponse_5e2f\r\n\
        Content-Type: application/http\r\n\
        Content-Transfer-Encoding: binary\r\n\
        \r\n\
        HTTP/1.1 404 Not Found\r\n\
        Content-Type: application/json\r\n\
        \r\n\
        {\"error\":{\"code\":\"/IWBEP/CM_MGW_RT/020\",\"message\":{\"lang\":\"en\",\"value\":\"Resource not found\"}}}\r\n\
        --batchresponse_5e2f--\r\n";
    for text in [answer.to_owned(), answer.replace("\r\n", "\n")] {
        let mut headers = http::HeaderMap::new();
        headers.insert("content-type", "multipart/mixed; boundary=batchresponse_5e2f".parse().unwrap());
        let answers = batch.parse(http::StatusCode::ACCEPTED, &headers, text.as_bytes()).unwrap();
        assert_eq!(answers.get(&first).unwrap().employee_id, Some(1));
        match answers.get(&hired).unwrap() {
            Created::Entity(e) => assert_eq!(e.employee_id, Some(3)),
            other => panic!("expected the created entity, got {other:?}"),
        }
        match answers.get(&missing) {
            Err(ResponseError::OData { status, error }) => {
                assert_eq!(status, 404);
                assert_eq!(error.code, "/IWBEP/CM_MGW_RT/020");
                assert_eq!(error.message, "Resource not found");
            }
            other => panic!("expected the service's error, got {other:?}"),
        }
    }
}
