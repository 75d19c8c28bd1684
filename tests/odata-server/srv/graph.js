// Graph assigns the `id` of a created entity; CAP does not, for a String
// key. This does it when the client sends none. It also implements the
// operations declared in graph.cds.
const cds = require('@sap/cds')

module.exports = class GraphService extends cds.ApplicationService {
  init() {
    const { people } = this.entities

    this.before('CREATE', ['security', 'people', 'groups', 'photos'], (req) => {
      if (req.data.id == null) req.data.id = cds.utils.uuid()
    })

    // The bound operations' entity, or 404.
    const subject = async (req) => {
      const person = await SELECT.one.from(req.subject)
      if (!person) req.reject(404, `people '${req.params[0]?.id ?? req.params[0]}' does not exist`)
      return person
    }
    // The flat columns of an `address` value (see graph.cds).
    const flat = (address) => ({ address_city: address?.city ?? null, address_street: address?.street ?? null })
    const unflat = (row) => ({ city: row.address_city, street: row.address_street })

    this.on('promote', people, async (req) => {
      const person = await subject(req)
      const { title, tags, address } = req.data
      const changes = { jobTitle: title ?? null, tags: [...new Set([...(person.tags ?? []), ...(tags ?? [])])] }
      if (address != null) Object.assign(changes, flat(address))
      await UPDATE(people, person.id).with(changes)
      return SELECT.one.from(people, person.id)
    })

    this.on('touch', people, async (req) => {
      const person = await subject(req)
      await UPDATE(people, person.id).with({ modifiedAt: new Date().toISOString() })
    })

    this.on('greeting', people, async (req) => {
      const person = await subject(req)
      return `${req.data.prefix ?? 'Hello'}, ${person.displayName}!`
    })

    this.on('retag', people, async (req) => {
      const { from, to } = req.data
      const tagged = (await SELECT.from(people).columns('id', 'tags')).filter((p) => p.tags?.includes(from))
      for (const p of tagged) {
        const tags = [...new Set(p.tags.map((t) => (t === from ? to : t)))]
        await UPDATE(people, p.id).with({ tags })
      }
      return tagged.length
    })

    this.on('addresses', people, async (req) => {
      const query = SELECT.distinct.from(people).columns('address_city', 'address_street')
      const like = Object.entries(flat(req.data.like)).filter(([, v]) => v != null)
      if (like.length) query.where(Object.fromEntries(like))
      else query.where({ address_city: { '!=': null } })
      return (await query.orderBy('address_city', 'address_street')).map(unflat)
    })

    this.on('hire', async (req) => {
      const { displayName, tags, address, manager } = req.data
      const id = cds.utils.uuid()
      await INSERT.into(people).entries({ id, displayName, tags: tags ?? [], ...flat(address), manager_id: manager ?? null })
      return SELECT.one.from(people, id)
    })

    this.on('peopleIn', async (req) => {
      const { city, tags } = req.data
      const query = SELECT.from(people).orderBy('id')
      if (city != null) query.where({ address_city: city })
      return (await query).filter((p) => (tags ?? []).every((t) => p.tags?.includes(t)))
    })

    return super.init()
  }
}
