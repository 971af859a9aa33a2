/**
 * Child process for save-crash.test.ts: saves one document over an existing one with the real
 * LibraryService, so that the parent can SIGKILL it part-way. Built to plain JS by the test
 * (Node 20 cannot run TypeScript). Protocol on stdout: "saving" just before LibraryService.save
 * starts, then "saved <milliseconds>" when it has finished.
 *
 * Usage: node save-child.cjs <library root> <document name> <document JSON file> <base revision>
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { LibraryService } from '../../../src/main/services/library-service'
import type { TimelineDocument } from '../../../src/shared/model/schema'

async function main(): Promise<void> {
  const [root, name, documentFile, baseRevision] = process.argv.slice(2)
  if (!root || !name || !documentFile || !baseRevision)
    throw new Error('usage: save-child <root> <name> <document.json> <revision>')
  const document = JSON.parse(readFileSync(documentFile, 'utf8')) as TimelineDocument
  const service = new LibraryService({ root })
  // Writes to a pipe are synchronous on Linux, so the parent sees this before the save begins.
  process.stdout.write('saving\n')
  const started = performance.now()
  await service.save(name, document, { baseRevision })
  process.stdout.write(`saved ${(performance.now() - started).toFixed(1)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
