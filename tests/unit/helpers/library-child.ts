/**
 * A second process using the real LibraryService, for library-races.test.ts: it reads one JSON
 * command per line on stdin and answers one JSON line on stdout, so that two of these can race
 * each other (and the parent) on the same library folder, as the app and the CLI would.
 *
 * Commands: {"op":"save","name","document","baseRevision"} · {"op":"create","title"} ·
 * {"op":"open","name"} · {"op":"list"} ·
 * {"op":"lock","name"} (takes the document's lock and keeps it until the process is killed).
 * Usage: node library-child.cjs <library root>
 */
import { createInterface } from 'node:readline'
import { LibraryService } from '../../../src/main/services/library-service'
import { DocumentLocks } from '../../../src/main/services/document-lock'
import { ChronotesError } from '../../../src/shared/errors'
import type { TimelineDocument } from '../../../src/shared/model/schema'
import { join } from 'node:path'

type Command =
  | { op: 'save'; name: string; document: TimelineDocument; baseRevision: string | null }
  | { op: 'create'; title: string }
  | { op: 'lock'; name: string }
  | { op: 'open'; name: string }
  | { op: 'list' }

const root = process.argv[2]
if (!root) throw new Error('usage: library-child <root>')
const service = new LibraryService({ root })
const started = service.start()

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'save':
      return service.save(command.name, command.document, { baseRevision: command.baseRevision })
    case 'create':
      return (await service.create(command.title)).name
    case 'open':
      return (await service.open(command.name)).revision
    case 'list':
      return (await service.list()).map((entry) => entry.name)
    case 'lock':
      // Held until this process dies: what a writer killed mid-save leaves.
      return new Promise((resolve) => {
        void new DocumentLocks(async () => join(root!, '.chronotes', 'locks')).with(command.name, () => {
          resolve('locked')
          return new Promise(() => {})
        })
      })
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as Command
  started
    .then(() => run(command))
    .then(
      (value) => process.stdout.write(JSON.stringify({ ok: true, value }) + '\n'),
      (error: unknown) =>
        process.stdout.write(
          JSON.stringify({
            ok: false,
            code: error instanceof ChronotesError ? error.code : 'THROWN',
            message: String((error as Error).message ?? error)
          }) + '\n'
        )
    )
})
process.stdout.write('ready\n')
