// Starts the test service on 127.0.0.1, at a port the system picks (so
// overlapping runs never clash), and prints its URL on the first line of
// standard output. Stops on SIGTERM or when standard input closes, so the
// service never outlives the run that started it.
const cds = require('@sap/cds')
const express = require('express')

async function main() {
  process.chdir(__dirname)
  const app = express()
  const csn = await cds.load('*')
  cds.model = cds.compile.for.nodejs(csn)
  cds.db = await cds.connect.to('db')
  await cds.deploy(csn).to(cds.db)
  await cds.serve('all').in(app)
  require('./refs').install(cds.services['microsoft.graph'])
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address()
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
