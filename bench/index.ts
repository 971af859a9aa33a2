/**
 * npm run bench: how long the document's hot paths take on this machine, and how much memory.
 * Figures are printed, never asserted.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { cpus, freemem, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { LibraryService } from '../src/main/services/library-service'
import { applyCommand, replaceItem } from '../src/shared/model/commands'
import { readDocument, serializeDocument } from '../src/shared/model/document'
import type { TimelineDocument } from '../src/shared/model/schema'
import { dateAt } from '../src/shared/view/drag'
import { filterItems } from '../src/shared/view/filter'
import { documentExtent, selectTimelineItems } from '../src/shared/view/timeline-items'
import { importBench } from './import-bench'
import { libraryListBench } from './library-list-bench'
import { mergeBench } from './merge-bench'
import { pdfBench } from './pdf-bench'
import { syntheticDocument } from './synthetic'
import { viewBench } from './view-bench'
import { mb, time, timeAsync } from './timing'
import { readerLimitsBench } from './reader-limits'

console.log(`Chronotes bench — ${new Date().toISOString()}`)
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${mb(totalmem())} RAM (${mb(freemem())} free), Node ${process.version}`
)

/** Everything measured for one document: its file, searching it, and an edit's way to disk. */
async function measure(label: string, doc: TimelineDocument, search: string): Promise<void> {
  console.log(`\n${label}: ${doc.items.length.toLocaleString('en')} events`)
  const heapBefore = process.memoryUsage().heapUsed
  const text = time('serialize (validate, stable keys, pretty-print)', 3, () => serializeDocument(doc))
  console.log(`  file size ${mb(Buffer.byteLength(text))}`)
  const read = time('read (JSON.parse + schema validation)', 3, () => readDocument(text))
  if (!read.ok) throw new Error(`${label} did not validate`)
  console.log(
    `  heap for one open document ≈ ${mb(process.memoryUsage().heapUsed - heapBefore)} (document, its text and its parse)`
  )

  // Search indexes each event's text on first use (then it is cached per event object).
  const opened = read.document
  const found = time(`search "${search}", first time (builds the per-event text)`, 1, () =>
    filterItems(opened, { text: search })
  )
  time(`search "${search}", again`, 20, () => filterItems(opened, { text: search }))
  console.log(`  matches: ${found.length.toLocaleString('en')}`)

  time('timeline items, whole document', 5, () => selectTimelineItems(doc, {}))
  const extent = documentExtent(doc)!
  const year = { start: extent.end - 365 * 86_400_000, end: extent.end }
  const visible = time('timeline items, one visible year', 5, () => selectTimelineItems(doc, {}, year))
  console.log(`  items for one visible year (with margins): ${visible.length.toLocaleString('en')}`)

  const root = await mkdtemp(join(tmpdir(), 'chronotes-bench-'))
  try {
    const library = new LibraryService({ root })
    await library.start()
    const created = await library.create('Bench')
    let revision = (await library.save(created.name, doc, { baseRevision: created.revision })).revision
    await timeAsync('library save (backup + atomic write + fsync)', 3, async () => {
      revision = (await library.save(created.name, doc, { baseRevision: revision })).revision
    })
    await timeAsync('library open (read + hash + validate)', 3, () => library.open(created.name))
    console.log(`  on disk: ${mb((await stat(join(root, created.name))).size)}`)
    // A drag's way to disk, less the 0.8 s autosave pause: the move command, then the save.
    let current = doc
    let day = 1
    await timeAsync('drag round trip: move command + save to disk', 3, async () => {
      const item = current.items[0]!
      const start = dateAt(Date.UTC(2001, 0, day++), 'day')
      current = applyCommand(current, replaceItem(current, { ...item, start, ...(item.end ? { end: start } : {}) }))
      revision = (await library.save(created.name, current, { baseRevision: revision })).revision
    })
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

// `npm run bench -- --readers` measures only hostile files against the readers.
if (process.argv.includes('--readers')) {
  readerLimitsBench()
  process.exit(0)
}

// `npm run bench -- --list` measures only the library list.
if (process.argv.includes('--list')) {
  console.log('\nLibrary list')
  await libraryListBench()
  process.exit(0)
}

// `npm run bench -- --pdf` measures only the PDF export.
if (process.argv.includes('--pdf')) {
  console.log('\nPDF export')
  await pdfBench()
  process.exit(0)
}

// `npm run bench -- --view` measures the timeline in Chromium only.
if (process.argv.includes('--view')) {
  console.log('\nThe timeline in Chromium (built renderer over the loopback bridge; raw vis-timeline beside it)')
  const only = process.argv.find((a) => a.startsWith('--counts='))
  await viewBench(...(only ? [only.slice(9).split(',').map(Number)] : []))
  process.exit(0)
}

// npm run bench runs from the repository's root.
const datasetFile = join(process.cwd(), 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')
const dataset = readDocument(await readFile(datasetFile, 'utf8'))
if (!dataset.ok) throw new Error('the bundled dataset did not validate')
await measure('The bundled dataset', dataset.document, 'Jeddah')
for (const count of [1_000, 100_000]) await measure('Synthetic document', syntheticDocument(count), 'satellite kyiv')

console.log('\nLibrary list')
await libraryListBench()
console.log('\nImport and export')
await importBench()
console.log('\nMerge')
await mergeBench()
console.log('\nPDF export')
await pdfBench()
console.log('\nThe timeline in Chromium (built renderer over the loopback bridge; raw vis-timeline beside it)')
await viewBench()
