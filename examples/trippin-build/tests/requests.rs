//! The code the build script generated, used as a downstream crate uses
//! it: requests built and their URLs, headers and bodies checked, and an
//! answer parsed.

use example_trippin_build::trippin::microsoft_o_data_sample_service_models_trip_pin::{
    Person, default_container as trippin,
};
use example_trippin_build::trippin::runtime::edm::Double;
use example_trippin_build::trippin::runtime::http;
use example_trippin_build::trippin::runtime::request::Exchange;
use example_trippin_build::trippin::{SERVICE_ROOT, service_root};

fn url(request: &impl Exchange) -> String {
    let http = request.to_request(&service_root()).expect("the request builds");
    percent_decode(&http.uri().to_string())
}

/// `%XX` sequences decoded, so that the assertions read like the OData URLs
/// they describe (the encoded form is tested in the runtime).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|hex| u8::from_str_radix(hex, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn service_root_comes_from_the_builder() {
    assert_eq!(SERVICE_ROOT, "https://services.odata.org/V4/TripPinServiceRW");
}

#[test]
fn read_one_with_a_typed_select() {
    let get = trippin::people().key("russellwhyte").get().select((Person::FIRST_NAME, Person::LAST_NAME));
    assert_eq!(
        url(&get),
        "https://services.odata.org/V4/TripPinServiceRW/People('russellwhyte')?$select=FirstName,LastName"
    );
}

#[test]
fn list_with_filter_and_top() {
    let list = trippin::people().list().filter(Person::FIRST_NAME.eq("Scott")).top(2);
    assert_eq!(url(&list), "https://services.odata.org/V4/TripPinServiceRW/People?$filter=FirstName eq 'Scott'&$top=2");
}

#[test]
fn function_import_and_action_import() {
    let nearest = trippin::get_nearest_airport(&Double::new(33.25), &Double::new(-118.5)).get();
    assert_eq!(url(&nearest), "https://services.odata.org/V4/TripPinServiceRW/GetNearestAirport(lat=33.25,lon=-118.5)");
    let reset = trippin::reset_data_source();
    let http = reset.to_request(&service_root()).expect("builds");
    assert_eq!(http.method(), "POST");
    assert_eq!(http.uri(), "https://services.odata.org/V4/TripPinServiceRW/ResetDataSource");
}

#[test]
fn an_answer_is_parsed_into_the_generated_type() {
    let get = trippin::me().get();
    let body = serde_json::json!({
        "@odata.context": "https://services.odata.org/V4/TripPinServiceRW/$metadata#Me",
        "UserName": "aprilcline", "FirstName": "April", "LastName": "Cline",
        "Emails": ["April@example.com"], "AddressInfo": [], "Gender": "Female", "Concurrency": 635585295219368818_i64
    });
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("JSON"))
        .expect("a response");
    let me = get.parse_response(&response).expect("the answer parses");
    let me: Person = me.into();
    assert_eq!(me.first_name.as_deref(), Some("April"));
    assert_eq!(me.emails, vec![Some("April@example.com".to_owned())]);
}
