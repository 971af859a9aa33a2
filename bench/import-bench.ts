/**
 * Import and export figures: a 100,000-row spreadsheet through both steps of the import (the
 * mapping preview, then the rows), Chronotes' own CSV and JSON of 100,000 events, and the
 * Markdown export. Printed, never asserted.
 */
import { exportDocument, importFile } from '../src/shared/codecs'
import { MAX_IMPORT_BYTES, type TableMapping } from '../src/shared/codecs/types'
import { readerLimitsBench } from './reader-limits'
import { syntheticDocument } from './synthetic'
import { mb, time } from './timing'
import { MONTHS } from '../src/shared/model/dates'

const ROWS = 100_000
const NOW = new Date('2026-01-01T00:00:00Z')

/** A spreadsheet as a colleague would keep one: mixed date forms, quoted multi-line cells, notes, links. */
function spreadsheet(rows: number): string {
  const lanes = ['Intelligence sharing', 'Covert cooperation', 'Military aid', 'Diplomacy', 'Russian actions']
  const lines = ['Date,End date,Title,Description,Lane,Tags,Source,URL,Confidence,Notes']
  for (let i = 0; i < rows; i++) {
    const year = 1990 + (i % 35)
    const month = (i % 12) + 1
    const day = (i % 28) + 1
    const date =
      i % 3 === 0
        ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
        : i % 3 === 1
          ? `"${MONTHS[month - 1]} ${day}, ${year}"`
          : `${day} ${MONTHS[month - 1]!.slice(0, 3)} ${year}`
    const end = i % 5 === 0 ? `${year + 1}` : ''
    const description = `"Officials reported satellite imagery, row ${i}.\nA second line with ""quotes"", and a comma."`
    const notes = i % 4 === 0 ? `"A. Researcher: checked against the archive | Follow up with the desk"` : ''
    lines.push(
      [
        date,
        end,
        `Event ${i} in ${lanes[i % lanes.length]}`,
        description,
        lanes[i % lanes.length],
        'satellite; liaison',
        'Example Times',
        `https://example.org/${i}`,
        i % 2 ? 'reported' : 'confirmed',
        notes
      ].join(',')
    )
  }
  return lines.join('\r\n') + '\r\n'
}

export async function importBench(): Promise<void> {
  console.log(`\nImport and export: ${ROWS.toLocaleString('en')} rows / events`)

  const csv = new TextEncoder().encode(spreadsheet(ROWS))
  console.log(`  spreadsheet CSV: ${mb(csv.length)}`)
  const first = time('CSV step 1: decode, parse, preview, ambiguity scan', 3, () =>
    importFile(csv, 'colleague.csv', { now: NOW })
  )
  if (first.status !== 'needs-mapping') throw new Error(`the spreadsheet was not previewed (${first.status})`)
  const mapping: TableMapping = first.suggested
  const second = time('CSV step 2: rows to events with the mapping', 3, () =>
    importFile(csv, 'colleague.csv', { now: NOW, mapping })
  )
  if (second.status !== 'ok') throw new Error(`the spreadsheet was not read (${second.problems[0]?.message})`)
  console.log(
    `  events read: ${second.document.items.length.toLocaleString('en')}, problems: ${second.problems.length}, lanes: ${second.document.groups.length}`
  )

  const doc = syntheticDocument(ROWS)
  const ownCsv = time('Chronotes CSV export (write)', 3, () => exportDocument(doc, 'csv').text)
  const ownCsvBytes = new TextEncoder().encode(ownCsv)
  console.log(`  Chronotes CSV: ${mb(ownCsvBytes.length)}`)
  const ownCsvRead = time('Chronotes CSV import (no mapping step)', 3, () =>
    importFile(ownCsvBytes, 'export.csv', { now: NOW })
  )
  if (ownCsvRead.status !== 'ok' || ownCsvRead.document.items.length !== ROWS)
    throw new Error('the Chronotes CSV did not read back')

  const json = time('Chronotes JSON export (write)', 3, () => exportDocument(doc, 'chronotes').text)
  const jsonBytes = new TextEncoder().encode(json)
  console.log(`  Chronotes JSON: ${mb(jsonBytes.length)}`)
  console.log(`  (the import limit is ${mb(MAX_IMPORT_BYTES)})`)
  const heapBefore = process.memoryUsage().heapUsed
  const jsonRead = time('Chronotes JSON import (importFile: decode, sniff, parse, migrate, validate)', 3, () =>
    importFile(jsonBytes, 'colleague.chronotes.json', { now: NOW })
  )
  if (jsonRead.status !== 'ok')
    throw new Error(`the Chronotes JSON did not read back (${jsonRead.problems[0]?.message})`)
  console.log(`  heap after reading it ≈ ${mb(process.memoryUsage().heapUsed - heapBefore)} more`)

  const markdown = time('Markdown export', 3, () => exportDocument(doc, 'markdown').text)
  console.log(`  Markdown: ${mb(new TextEncoder().encode(markdown).length)}`)

  readerLimitsBench()
}
