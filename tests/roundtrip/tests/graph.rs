//! Microsoft Graph payloads, written from the shapes of the Graph reference
//! documentation, through a subset of the published v1.0 metadata (users,
//! groups, directoryObjects, mailTips).

use golden_graph_subset::microsoft_graph::{
    AutomaticRepliesStatus, DayOfWeek, Drive, MailTips, RecipientScopeType, Todo, User, UserPurpose, any, graph_service,
};
use odata_runtime::Page;
use odata_runtime::request::ServiceRoot;
use serde_json::{Value, json};

/// `GET /users/{id}?$select=...&$expand=manager,drive` as Graph answers it.
fn user_response() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(businessPhones,displayName,mailboxSettings,manager(),drive())/$entity",
        "@odata.type": "#microsoft.graph.user",
        "@odata.etag": "W/\"CQAAABYAAAD5b\"",
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "businessPhones": ["+1 425 555 0109"],
        "displayName": "Adele Vance",
        "givenName": "Adele",
        "jobTitle": "Retail Manager",
        "mail": "AdeleV@contoso.com",
        "mobilePhone": null,
        "officeLocation": "18/2111",
        "preferredLanguage": "en-US",
        "surname": "Vance",
        "userPrincipalName": "AdeleV@contoso.com",
        "accountEnabled": true,
        "createdDateTime": "2019-03-01T00:00:00.1234567Z",
        "lastPasswordChangeDateTime": "2024-05-17T09:12:45Z",
        "imAddresses": [],
        "identities": [
            {"signInType": "userPrincipalName", "issuer": "contoso.com", "issuerAssignedId": "AdeleV@contoso.com"}
        ],
        "assignedLicenses": [
            {"disabledPlans": ["a23b959c-7ce8-4e57-9140-b90eb88a9e97"], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}
        ],
        "onPremisesExtensionAttributes": {"extensionAttribute1": null, "extensionAttribute2": "cost-center-42"},
        "mailboxSettings": {
            "archiveFolder": "AQMkAGI2TG93AAA=",
            "timeZone": "Pacific Standard Time",
            "automaticRepliesSetting": {
                "status": "scheduled",
                "externalAudience": "all",
                "internalReplyMessage": "<html><body>Out of office</body></html>",
                "externalReplyMessage": "",
                "scheduledStartDateTime": {"dateTime": "2024-03-20T02:00:00.0000000", "timeZone": "UTC"},
                "scheduledEndDateTime": {"dateTime": "2024-03-28T02:00:00.0000000", "timeZone": "UTC"}
            },
            "language": {"locale": "en-US", "displayName": "English (United States)"},
            "workingHours": {
                "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                "startTime": "08:00:00.0000000",
                "endTime": "17:00:00.0000000",
                "timeZone": {"name": "Pacific Standard Time"}
            },
            "userPurpose": "aBrandNewPurpose",
            "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly"
        },
        "manager": {
            "@odata.type": "#microsoft.graph.user",
            "id": "5bde3e51-d13b-4db1-9948-fe4b109d11a7",
            "displayName": "Patti Fernandez"
        },
        "drive": {
            "id": "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd",
            "driveType": "business",
            "owner": {"user": {"displayName": "Adele Vance"}},
            "quota": {"deleted": 0, "remaining": 1099511587164i64, "state": "normal", "total": 1099511627776i64}
        },
        "todo": {"id": "todo-1", "lists": [{"id": "list-1", "displayName": "Tasks"}]},
        "newPropertyAddedLater": {"nested": [1, 2, 3]}
    })
}

#[test]
fn a_user_round_trips() {
    let input = user_response();
    let user: User = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(user.display_name.as_deref(), Some("Adele Vance"));
    assert_eq!(user.business_phones, ["+1 425 555 0109"]);
    assert_eq!(user.mobile_phone, None);
    assert_eq!(user.created_date_time.as_ref().unwrap().as_str(), "2019-03-01T00:00:00.1234567Z");
    let settings = user.mailbox_settings.as_deref().unwrap();
    let replies = settings.automatic_replies_setting.as_deref().unwrap();
    assert_eq!(replies.status, Some(AutomaticRepliesStatus::Scheduled));
    assert_eq!(settings.user_purpose, Some(UserPurpose::Unrecognized("aBrandNewPurpose".into())));
    let hours = settings.working_hours.as_deref().unwrap();
    assert_eq!(hours.days_of_week.first(), Some(&Some(DayOfWeek::Monday)));
    assert_eq!(hours.start_time.as_ref().unwrap().parts(), (8, 0, 0, 0));
    // An expanded navigation property to a type of the subset is typed.
    match user.manager.as_ref() {
        Some(any::DirectoryObject::User(manager)) => {
            assert_eq!(manager.display_name.as_deref(), Some("Patti Fernandez"))
        }
        other => panic!("expected a user as manager: {other:?}"),
    }
    // `drive` is in the subset (the request vectors use it): typed.
    let drive: &Drive = user.drive.as_deref().unwrap();
    assert_eq!(drive.id.as_deref(), Some("b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd"));
    assert_eq!(drive.drive_type.as_deref(), Some("business"));
    // One to a type outside the subset is a stub: its key, and the rest kept.
    let todo: &Todo = user.todo.as_deref().unwrap();
    assert_eq!(todo.id.as_deref(), Some("todo-1"));
    assert_eq!(todo.extra.get("lists"), Some(&json!([{"id": "list-1", "displayName": "Tasks"}])));
    assert_eq!(user.extra.get("newPropertyAddedLater"), Some(&json!({"nested": [1, 2, 3]})));
    assert_eq!(serde_json::to_value(&user).unwrap(), input);
}

/// `GET /groups/{id}/members`: a polymorphic collection of directory objects.
#[test]
fn a_mixed_directory_object_page_round_trips() {
    let input = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
        "@odata.count": 4,
        "value": [
            {"@odata.type": "#microsoft.graph.user", "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "displayName": "Adele Vance", "businessPhones": []},
            {"@odata.type": "#microsoft.graph.group", "id": "02bd9fd6-8f93-4758-87c3-1fb73740a315", "displayName": "HR Taskforce",
             "groupTypes": ["Unified"], "mailEnabled": true, "securityEnabled": false, "visibility": "Private",
             "resourceProvisioningOptions": ["Team"], "deletedDateTime": null},
            {"@odata.type": "#microsoft.graph.device", "id": "0f0a4a8f-5d1c-4d62-90b4-9a1a3c6a0f1a", "displayName": "Adele's Pixel",
             "operatingSystem": "Android", "operatingSystemVersion": "14"},
            {"@odata.type": "#microsoft.graph.someFutureDirectoryObject", "id": "x", "deletedDateTime": "2024-01-01T00:00:00Z"}
        ],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/groups/02bd9fd6/members?$skiptoken=X%274453707402000100000017"
    });
    let page: Page<any::DirectoryObject> = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(page.count, Some(4));
    assert!(page.next_link.as_deref().unwrap().contains("skiptoken"));
    let kinds: Vec<&str> = page.value.iter().map(|v| v.type_name()).collect();
    assert_eq!(
        kinds,
        [
            "microsoft.graph.user",
            "microsoft.graph.group",
            "microsoft.graph.directoryObject",
            "microsoft.graph.directoryObject"
        ]
    );
    match &page.value[2] {
        any::DirectoryObject::DirectoryObject(device) => {
            assert_eq!(device.extra.odata_type(), Some("microsoft.graph.device"));
            assert_eq!(device.extra.get("operatingSystem"), Some(&json!("Android")));
        }
        other => panic!("{other:?}"),
    }
    match &page.value[1] {
        any::DirectoryObject::Group(g) => {
            assert_eq!(g.group_types, ["Unified"]);
            assert_eq!(g.deleted_date_time, None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(serde_json::to_value(&page).unwrap(), input);
}

#[test]
fn flags_and_unknown_members_in_mail_tips() {
    let input = json!({
        "emailAddress": {"name": "", "address": "MiriamG@contoso.com"},
        "recipientScope": "internal,externalPartner,aNewScope",
        "deliveryRestricted": false,
        "externalMemberCount": 0,
        "totalMemberCount": 1,
        "automaticReplies": {"message": "", "messageLanguage": null, "scheduledStartTime": null, "scheduledEndTime": null}
    });
    let tips: MailTips = serde_json::from_value(input.clone()).unwrap();
    let scope = tips.recipient_scope.as_ref().unwrap();
    assert!(scope.contains(&RecipientScopeType::Internal) && scope.contains(&RecipientScopeType::ExternalPartner));
    assert!(scope.contains(&RecipientScopeType::Unrecognized("aNewScope".into())));
    assert_eq!(serde_json::to_value(&tips).unwrap(), input);
}

#[test]
fn creating_a_user() {
    let body = User {
        account_enabled: Some(true),
        display_name: Some("Adele Vance".into()),
        mail_nickname: Some("AdeleV".into()),
        user_principal_name: Some("AdeleV@contoso.onmicrosoft.com".into()),
        ..User::default()
    };
    let root = ServiceRoot::new("https://graph.microsoft.com/v1.0").unwrap();
    // `users` is an entity set of `microsoft.graph.user`, which has no derived types.
    let req = graph_service::users().create(&body).to_request(&root).unwrap();
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/users");
    assert_eq!(
        serde_json::from_slice::<Value>(req.body()).unwrap(),
        json!({"accountEnabled": true, "displayName": "Adele Vance", "mailNickname": "AdeleV", "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"})
    );
    // A user as a directory object: `@odata.type` says which.
    let req = graph_service::directory_objects().create(&any::DirectoryObject::from(body)).to_request(&root).unwrap();
    let sent: Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(sent["@odata.type"], json!("#microsoft.graph.user"));
    // A key with a quote, as a path segment (this subset is generated with
    // `key-as-segment`, as Graph documents its URLs).
    let path = graph_service::users().key("O'Neil@contoso.com").path().as_str().to_owned();
    assert_eq!(path, "users/O'Neil@contoso.com");
}

/// `Debug` of a generated struct shows the type and the members it
/// serializes to, in order, with only the members the value has (and an
/// explicit `null` that was read); `{:#?}` indents as usual. A polymorphic
/// enum shows its variant around it.
#[test]
fn debug_shows_the_members_the_value_has() {
    let user: User = serde_json::from_value(json!({
        "@odata.etag": "W/\"1\"",
        "id": "7",
        "displayName": "Adele \"AV\" Vance",
        "mobilePhone": null,
        "businessPhones": ["+1 425"],
        "assignedLicenses": [{"skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df", "disabledPlans": []}]
    }))
    .unwrap();
    assert_eq!(
        format!("{user:?}"),
        r#"User {"@odata.etag": "W/\"1\"", "id": "7", "assignedLicenses": [{"disabledPlans": [], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}], "businessPhones": ["+1 425"], "displayName": "Adele \"AV\" Vance", "mobilePhone": null}"#
    );
    let pretty = format!("{user:#?}");
    assert!(pretty.starts_with("User {\n    \"@odata.etag\": \"W/\\\"1\\\"\",\n    \"id\": \"7\",\n    \"assignedLicenses\": [\n        {\n"), "{pretty}");
    assert_eq!(format!("{:?}", User::default()), "User {}");
    let any: any::DirectoryObject =
        serde_json::from_value(json!({"@odata.type": "#microsoft.graph.user", "id": "7"})).unwrap();
    assert_eq!(format!("{any:?}"), r##"User(User {"@odata.type": "#microsoft.graph.user", "id": "7"})"##);
}
