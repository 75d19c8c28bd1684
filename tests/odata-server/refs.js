// CAP 9.9.3 does not serve `$ref` (it answers 404, 405 or 400): this adds
// it, for the navigations whose foreign key is on one side, which are all of
// this service's (`people/manager`, `people/directReports`, `people/memberOf`,
// `groups/members`):
//
//   GET    <set>(<key>)/<nav>/$ref                   the references
//   PUT    <set>(<key>)/<to-one>/$ref                {"@odata.id": <url>}: sets
//   DELETE <set>(<key>)/<to-one>/$ref                clears
//   POST   <set>(<key>)/<to-many>/$ref               {"@odata.id": <url>}: adds
//   DELETE <set>(<key>)/<to-many>(<key>)/$ref        removes
//   DELETE <set>(<key>)/<to-many>/$ref?$id=<url>     removes
//
// `@odata.id` and `$id` may be absolute (`http://host/graph/people('p1')`),
// absolute paths (`/graph/people('p1')`) or relative to the service root
// (`people('p1')`). Adding to a to-many navigation sets the foreign key of
// the added entity (`memberOf`, `manager`), so it leaves any other group
// or manager. Writes go through the service (so `modifiedAt`, the ETag,
// changes); If-Match is not checked. The middleware runs inside CAP's OData
// router, so `$ref` requests also work in `$batch`.
const cds = require('@sap/cds')
const express = require('express')

// Failures go to CAP's error handling, so they look like its own and fail
// (roll back) an atomicity group in `$batch`.
const fail = (status, message) => {
  throw Object.assign(new Error(message), { status })
}

// `{ id: 'p1' }` from the `where` of a parsed key segment.
const keyOf = (where) => {
  const key = {}
  for (let i = 0; i < where.length; i += 4) key[where[i].ref[0]] = where[i + 2].val
  return key
}

// `people('p1')`: the canonical URL of an entity, relative to the service root.
const urlOf = (entity, row) => {
  const literal = (v) => (typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v))
  const keys = Object.keys(entity.keys).filter((k) => !entity.keys[k].isAssociation)
  const inner = keys.length === 1 ? literal(row[keys[0]]) : keys.map((k) => `${k}=${literal(row[k])}`).join(',')
  return `${entity.name.split('.').pop()}(${inner})`
}

// The foreign key columns of a managed to-one association: `{ manager_id: 'id' }`.
const foreignKeys = (assoc) =>
  Object.fromEntries(assoc.keys.map((k) => [k.$generatedFieldName ?? `${assoc.name}_${k.ref[0]}`, k.ref[0]]))

// For a to-many `members` declared `on members.memberOf = $self`: `memberOf`.
const backlinkOf = (assoc) => {
  const on = assoc.on ?? []
  for (let i = 0; i + 2 < on.length; i++) {
    const [a, op, b] = [on[i], on[i + 1], on[i + 2]]
    if (op !== '=') continue
    for (const [x, y] of [[a, b], [b, a]]) {
      if (y?.ref?.[0] === '$self' && x?.ref?.length === 2 && x.ref[0] === assoc.name) {
        const back = assoc._target.elements[x.ref[1]]
        if (back?.keys) return back
      }
    }
  }
  return null
}

module.exports = function refs(srv) {
  const json = express.json({ type: () => true })
  const root = srv.path // '/graph'

  // The path segments of `people('p1')/manager` (below the service root):
  // `[{ id: 'microsoft.graph.people', where: [...] }, 'manager']`.
  const parse = (path) => cds.odata.parse(path, { service: srv, strict: true, protocol: 'odata' }).SELECT.from.ref
  // The entity an `@odata.id` or `$id` names, or a string saying why not.
  const target = (id, entity) => {
    if (typeof id !== 'string') return 'expected "@odata.id" with the URL of an entity'
    let path
    try {
      path = new URL(id, `http://service${root}/`).pathname
    } catch {
      return `"${id}" is not a URL`
    }
    if (!path.startsWith(`${root}/`)) return `"${id}" is not in the service at ${root}`
    try {
      const ref = parse(decodeURIComponent(path.slice(root.length + 1)))
      const last = ref.at(-1)
      if (ref.length !== 1 || !last.where) return `"${id}" does not name an entity by its key`
      if (last.id !== entity.name) return `"${id}" is not in ${entity.name.split('.').pop()}`
      return keyOf(last.where)
    } catch (e) {
      return `"${id}": ${e.message}`
    }
  }
  const exists = async (entity, key) => (await cds.db.run(SELECT.one.from(entity).columns(1).where(key))) != null

  async function serve(req, res) {
    const [rawPath, search = ''] = req.url.replace(/^\//, '').split(/\?(.*)/s)
    const path = decodeURIComponent(rawPath)
    if (!path.endsWith('/$ref')) return false
    res.set('OData-Version', '4.0')
    const ref = parse(path.slice(0, -'/$ref'.length)) // throws 400, 404
    const [head, seg] = ref
    if (ref.length !== 2 || !head.where)
      fail(501, '$ref is served only on a navigation of an entity named by its key: <set>(<key>)/<nav>/$ref')
    const source = srv.model.definitions[head.id]
    const sourceKey = keyOf(head.where)
    const nav = source.elements[seg.id ?? seg]
    const item = seg.where && keyOf(seg.where)
    const toOne = !!nav.keys
    const back = !toOne && backlinkOf(nav)
    if (!toOne && !back) fail(501, `$ref is not served on ${nav.name}`)
    const entity = nav._target
    if (!(await exists(source, sourceKey))) fail(404, `${urlOf(source, sourceKey)} does not exist`)
    const method = req.method
    const params = new URLSearchParams(search)

    if (method === 'GET' && !item) {
      const context = `${root}/$metadata#${toOne ? '$ref' : 'Collection($ref)'}`
      const keys = Object.keys(entity.keys).filter((k) => !entity.keys[k].isAssociation)
      if (toOne) {
        const fks = foreignKeys(nav)
        const row = await cds.db.run(SELECT.one.from(source).columns(Object.keys(fks)).where(sourceKey))
        if (Object.keys(fks).some((c) => row[c] == null)) {
          res.sendStatus(204) // no entity is referenced
          return true
        }
        const key = Object.fromEntries(Object.entries(fks).map(([c, k]) => [k, row[c]]))
        res.json({ '@odata.context': context, '@odata.id': urlOf(entity, key) })
      } else {
        const where = Object.fromEntries(Object.entries(foreignKeys(back)).map(([c, k]) => [c, sourceKey[k]]))
        const rows = await cds.db.run(SELECT.from(entity).columns(keys).where(where).orderBy(...keys))
        res.json({ '@odata.context': context, value: rows.map((r) => ({ '@odata.id': urlOf(entity, r) })) })
      }
      return true
    }

    // The entity to reference or to unreference (none: clear a to-one).
    let key
    if (toOne && !item && method === 'DELETE') key = null
    else if (!item && method === (toOne ? 'PUT' : 'POST')) {
      if (req.body === undefined) await new Promise((resolve, reject) => json(req, res, (e) => (e ? reject(e) : resolve())))
      key = target(req.body?.['@odata.id'], entity)
    } else if (!toOne && method === 'DELETE') {
      key = item ?? (params.has('$id') ? target(params.get('$id'), entity) : 'expected <nav>(<key>)/$ref or <nav>/$ref?$id=<url>')
    } else {
      res.set('Allow', toOne ? 'GET, PUT, DELETE' : item ? 'DELETE' : 'GET, POST, DELETE')
      fail(405, `${method} is not allowed on this $ref`)
    }
    if (typeof key === 'string') fail(400, key)
    if (key && !(await exists(entity, key))) fail(404, `${urlOf(entity, key)} does not exist`)

    if (toOne) {
      // PUT sets, DELETE clears the source's foreign key.
      const set = Object.fromEntries(Object.entries(foreignKeys(nav)).map(([c, k]) => [c, key ? key[k] : null]))
      await srv.run(UPDATE.entity(source).where(sourceKey).with(set))
    } else {
      // POST points, DELETE unpoints the target's foreign key at the source.
      const fks = Object.entries(foreignKeys(back))
      const ours = Object.fromEntries(fks.map(([c, k]) => [c, sourceKey[k]]))
      if (method === 'POST') {
        await srv.run(UPDATE.entity(entity).where(key).with(ours))
      } else {
        if (!(await exists(entity, { ...key, ...ours })))
          fail(404, `${urlOf(entity, key)} is not in ${urlOf(source, sourceKey)}/${nav.name}`)
        const none = Object.fromEntries(fks.map(([c]) => [c, null]))
        await srv.run(UPDATE.entity(entity).where(key).with(none))
      }
    }
    res.sendStatus(204)
    return true
  }

  return function odata_ref(req, res, next) {
    serve(req, res).then((done) => done || next(), next)
  }
}

// Puts the middleware into the service's OData router, before CAP parses
// the URL (which it cannot for `$ref`), so top-level and `$batch` requests
// both pass it.
module.exports.install = (srv) => {
  const router = srv._adapters?._default
  if (!router?.stack) throw new Error(`no OData router for ${srv.name}`)
  const layer = express.Router().use(module.exports(srv)).stack[0]
  const at = router.stack.findIndex((l) => l.name === 'odata_parse_url')
  router.stack.splice(at < 0 ? 0 : at, 0, layer)
}
