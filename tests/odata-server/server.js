// Starts the test service on 127.0.0.1, at a port the system picks (so
// overlapping runs never clash), and prints its URL on the first line of
// standard output. Stops on SIGTERM or when standard input closes, so the
// service never outlives the run that started it.
//
// The same service is also served as OData v2, at `/odata/v2/graph` (the
// printed URL with `/graph` replaced by `/odata/v2/graph`), by the CAP
// community v2 adapter: it translates each v2 request into a v4 one, sends it
// over HTTP to this same server, and translates the answer back, so both
// versions see the same data.
const cds = require('@sap/cds')
const express = require('express')

async function main() {
  process.chdir(__dirname)
  const app = express()
  // Before `cds.serve`, as the adapter's README does. Its routes are only
  // bound on the `listening` event, when the port it forwards to is known:
  // `cds serve` sends that event, this server has to (below, before the URL
  // is printed, so v2 answers as soon as anyone knows where to ask).
  app.use(require('@cap-js-community/odata-v2-adapter')())
  const csn = await cds.load('*')
  cds.model = cds.compile.for.nodejs(csn)
  cds.db = await cds.connect.to('db')
  await cds.deploy(csn).to(cds.db)
  await cds.serve('all').in(app)
  require('./refs').install(cds.services['microsoft.graph'])
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address()
    cds.emit('listening', { server, url: `http://127.0.0.1:${port}` })
    process.stdout.write(`odata-test-server listening on http://127.0.0.1:${port}/graph\n`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  if (process.env.STOP_ON_STDIN_CLOSE) {
    process.stdin.on('end', stop)
    process.stdin.resume()
  }
}

main().catch((e) => {
  process.stderr.write(`odata-test-server: ${e.stack || e}\n`)
  process.exit(1)
})
