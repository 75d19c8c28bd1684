// Graph assigns the `id` of a created entity; CAP does not, for a String
// key. This does it when the client sends none.
const cds = require('@sap/cds')

module.exports = class GraphService extends cds.ApplicationService {
  init() {
    this.before('CREATE', 'security', (req) => {
      if (req.data.id == null) req.data.id = cds.utils.uuid()
    })
    return super.init()
  }
}
