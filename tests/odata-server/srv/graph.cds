// The seed schema as a CAP service: the OData namespace is the service's
// qualified name, `microsoft.graph`; `security` is an entity set.
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
}
