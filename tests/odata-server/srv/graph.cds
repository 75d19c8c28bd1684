// The seed schema as a CAP service: the OData namespace is the service's
// qualified name, `microsoft.graph`; `security` is an entity set.
//
// Besides `security` (what the seed tests use, unchanged), a few Graph-like
// sets exercise the rest of an OData client: `people` (ETag, server-driven
// paging, collections, a complex value, an enum, navigations, bound
// operations), `groups` (a to-many navigation to `people`) and `photos` (a
// media property). Seed rows are in `data/`; `graph.js` implements the
// operations; `../refs.js` adds the `$ref` requests CAP does not handle.
@path: '/graph'
service microsoft.graph {
  type securityProviderStatus {
    enabled  : Boolean;
    endpoint : String;
    provider : String;
    region   : String;
    vendor   : String;
  }

  entity security {
    key id             : String;
        providerStatus : many securityProviderStatus;
  }

  // A complex type. As an element of an entity, CAP (flat OData format, the
  // default) publishes it as `address_city` and `address_street`; its
  // structured format (`cds.odata.structs`) cannot write such an element to
  // SQLite. As a parameter or a return type it is a real ComplexType.
  type address {
    city   : String;
    street : String;
  }

  // CAP publishes an enum as a TypeDefinition over Edm.String with
  // Validation.AllowedValues, not as an EnumType.
  type personKind : String enum {
    employee;
    contractor;
    guest;
  }

  // At most 3 rows a page: longer lists end with `@odata.nextLink`.
  @cds.query.limit: { default: 3, max: 3 }
  entity people {
    key id            : String; // assigned by graph.js when missing
        displayName   : String;
        jobTitle      : String;
        age           : Integer;
        birthday      : Date;
        tags          : many String;
        address       : address;
        kind          : personKind;
        manager       : Association to people;
        directReports : Association to many people on directReports.manager = $self;
        // The to-one side of `groups.members`: a person is in at most one
        // group (CAP has no many-to-many without a link entity).
        memberOf      : Association to groups;
        // The ETag: set on every write (also by `$ref` requests and actions).
        @odata.etag
        modifiedAt    : Timestamp @cds.on.insert: $now @cds.on.update: $now;
  } actions {
    // The actions (not the functions) need If-Match, as PATCH and DELETE do:
    // CAP answers 428 without it (`*` will do, also for the collection).
    // Sets `jobTitle`, adds `tags`, moves to `address` when given.
    action   promote(title : String, tags : many String, address : address) returns people;
    // Changes nothing but `modifiedAt` (so the ETag); returns nothing.
    action   touch();
    function greeting(prefix : String) returns String;
    // Bound to the collection: renames a tag on every person that has it.
    @cds.odata.bindingparameter.collection
    action   retag(from : String, to : String) returns Integer;
    // Bound to the collection: the addresses of the people, those that
    // match every field `like` has (all when omitted), by city and street.
    @cds.odata.bindingparameter.collection
    function addresses(like : address) returns many address;
  }

  entity groups {
    key id          : String; // assigned by graph.js when missing
        displayName : String;
        members     : Association to many people on members.memberOf = $self;
  }

  // A media property: `PUT photos('x')/content` with any content type
  // stores the bytes and the type, `GET photos('x')/content` returns them.
  entity photos {
    key id        : String; // assigned by graph.js when missing
        @Core.MediaType: mediaType
        content   : LargeBinary;
        @Core.IsMediaType
        mediaType : String;
  }

  // Creates a person.
  action   hire(displayName : String, tags : many String, address : address, manager : String) returns people;
  // The people in a city (all when omitted) that have all of `tags`.
  function peopleIn(city : String, tags : many String) returns many people;
}
