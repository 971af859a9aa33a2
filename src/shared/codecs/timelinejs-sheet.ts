/**
 * TimelineJS's Google Sheets template, as CSV: Year, Month, Day, Time, End Year, End Month,
 * End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
 * Thumbnail, Alt Text (newer template only), Type, Group, Background. A row of Type "title" is the
 * title slide, "era" rows are eras. Rows read like the JSON's events (timelinejs-events.ts).
 */
import type { TimelineDocument } from '../model/schema'
import { DocumentBuilder } from './build'
import { clamp, clampTitle, MAX_TEXT } from './timelinejs-fields'
import { parseTimeText, readDateObject, valueToParts, type PartNames, type PartsResult } from './timelinejs-dates'
import { addSlide, eraKey } from './timelinejs-events'
import { escapeHtml, htmlToPlainText } from './timelinejs-html'
import { headerIndex, parseCsv, writeCsv } from './timelinejs-csv'
import { eventTextHtml, readEventText, titleTextHtml } from './timelinejs-text'
import { displayDate } from './timelinejs'
import { guarded, selectedItems, tooLarge } from './timelinejs-common'
import type { ReadResult, Reader, Writer } from './types'

const FORMAT = 'timelinejs-sheet'

export const SHEET_COLUMNS = [
  'Year',
  'Month',
  'Day',
  'Time',
  'End Year',
  'End Month',
  'End Day',
  'End Time',
  'Display Date',
  'Headline',
  'Text',
  'Media',
  'Media Credit',
  'Media Caption',
  'Media Thumbnail',
  'Alt Text',
  'Type',
  'Group',
  'Background'
] as const

const START: PartNames = { date: 'Year', year: 'Year', month: 'Month', day: 'Day', time: 'Time' }
const END: PartNames = { date: 'End Year', year: 'End Year', month: 'End Month', day: 'End Day', time: 'End Time' }

/** The date in a row's four cells (Year, Month, Day, Time or their End forms). */
function rowDate(cell: (name: string) => string, names: PartNames): PartsResult {
  const time = cell(names.time).trim()
  const parsedTime = time ? parseTimeText(time) : undefined
  if (parsedTime === null) {
    return { ok: false, field: names.time, message: `is "${time.slice(0, 40)}", not a time like 9:30 or 9:30 PM` }
  }
  return readDateObject(
    { year: cell(names.year), month: cell(names.month), day: cell(names.day), ...parsedTime },
    names
  )
}

function read(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge(FORMAT, text, fileName)
  if (refused) return refused
  const hasColumns = (column: (name: string) => number) => column('year') >= 0 && column('headline') >= 0
  const table = parseCsv(text, hasColumns)
  if (table.refused) return { status: 'failed', format: FORMAT, problems: [{ file: fileName, message: table.refused }] }
  const column = headerIndex(table.headers)
  if (!hasColumns(column)) {
    return {
      status: 'failed',
      format: FORMAT,
      problems: [
        {
          file: fileName,
          where: 'row 1',
          message: "is not TimelineJS's spreadsheet template: it needs the columns 'Year' and 'Headline'"
        }
      ]
    }
  }
  const builder = new DocumentBuilder(fileName, now)
  for (const error of table.errors) builder.problem(`row ${error.row}`, undefined, error.message)
  // Columns read into events; any other column with something in it is named as not imported.
  const read = new Set([...SHEET_COLUMNS, 'Tag'].map((c) => c.toLowerCase()))
  for (const unread of ['media thumbnail', 'alt text', 'background']) read.delete(unread)
  const unreadColumns = table.headers.flatMap((header, index) =>
    read.has(header.toLowerCase().replace(/\s+/g, ' ')) ? [] : [{ header: header || `Column ${index + 1}`, index }]
  )
  let titled = false
  const background = new Set<string>()
  const eras: { row: number; cell: (name: string) => string }[] = []
  for (const { row, cells } of table.rows) {
    const cell = (name: string) => {
      const index = column(name)
      return index < 0 ? '' : (cells[index] ?? '')
    }
    const type = cell('Type').trim().toLowerCase()
    for (const { header, index } of unreadColumns) if ((cells[index] ?? '').trim()) builder.notImported(header, 'rows')
    if (type === 'title' && !titled) {
      titled = true
      const dated = ['Year', 'Month', 'Day', 'Time', 'End Year', 'Media'].filter((name) => cell(name).trim())
      if (dated.length)
        builder.problem(
          `row ${row}`,
          dated[0],
          `was not imported: this is the title slide, which becomes the timeline's title and description, and a timeline has no ${dated[0] === 'Media' ? 'media' : 'date'} of its own`
        )
      const heading = clampTitle(htmlToPlainText(cell('Headline')))
      if (heading) builder.document.title = heading
      builder.document.description = clamp(readEventText(cell('Text'), now).description, MAX_TEXT)
      continue
    }
    if (type === 'era') {
      eras.push({ row, cell })
      continue
    }
    const slide = addSlide(builder, slideInput(row, cell, false), now)
    if (slide?.kind === 'background') background.add(eraKey(slide))
  }
  for (const { row, cell } of eras) {
    addSlide(builder, { ...slideInput(row, cell, true), skip: (s) => background.has(eraKey(s)) }, now)
  }
  const document = builder.finish()
  if (!document.items.length && builder.problems.length) {
    return { status: 'failed', format: FORMAT, problems: builder.problems }
  }
  return { status: 'ok', format: FORMAT, document, problems: builder.problems }
}

function slideInput(row: number, cell: (name: string) => string, era: boolean) {
  const endCells = ['End Year', 'End Month', 'End Day', 'End Time'].filter((name) => cell(name).trim())
  let end: PartsResult | undefined
  if (cell('End Year').trim()) end = rowDate(cell, END)
  else if (endCells.length) {
    end = { ok: false, field: 'End Year', message: `is missing, but '${endCells[0]}' is filled in` }
  }
  return {
    where: `row ${row}`,
    start: rowDate(cell, START),
    end,
    startNames: START,
    endNames: END,
    headline: cell('Headline'),
    text: cell('Text'),
    group: cell('Group') || cell('Tag'),
    media: { url: cell('Media'), caption: cell('Media Caption'), credit: cell('Media Credit') },
    displayDate: cell('Display Date'),
    era
  }
}

export const timelineJsSheetReader: Reader = {
  format: FORMAT,
  label: 'TimelineJS spreadsheet (CSV)',
  extensions: ['.csv', '.tsv'],
  sniff(text) {
    // The head only: a first line of megabytes (a JSON file on one line) would split into millions of cells.
    const head = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).slice(0, 16 * 1024)
    const firstLine = head.split(/\r?\n/, 1)[0] ?? ''
    const headers = firstLine.split(/[,\t;]/).map((h) => h.replace(/^"|"$/g, '').trim().toLowerCase())
    const has = (name: string) => headers.includes(name)
    if (has('year') && has('headline')) return has('end year') || has('display date') ? 0.95 : 0.7
    return 0
  },
  read: (text, context) => guarded(FORMAT, context.fileName, () => read(text, context.fileName, context.now))
}

/** Cells for a date: text as the template holds it; a time as HH:MM. */
function dateCells(value: string | undefined): string[] {
  if (!value) return ['', '', '', '']
  const parts = valueToParts(value)
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0')
  const time =
    parts.hour === undefined
      ? ''
      : `${pad(parts.hour)}:${pad(parts.minute)}${parts.second ? `:${pad(parts.second)}` : ''}`
  return [String(parts.year), parts.month ? String(parts.month) : '', parts.day ? String(parts.day) : '', time]
}

function write(document: TimelineDocument, itemIds?: string[]): string {
  const lanes = new Map(document.groups.map((g) => [g.id, g]))
  const items = selectedItems(document, itemIds)
  const row = (values: Partial<Record<(typeof SHEET_COLUMNS)[number], string>>) =>
    SHEET_COLUMNS.map((c) => values[c] ?? '')
  const rows: string[][] = [
    row({ Headline: escapeHtml(document.title), Text: titleTextHtml(document.description), Type: 'title' })
  ]
  for (const item of items) {
    const [year, month, day, time] = dateCells(item.start)
    const [endYear, endMonth, endDay, endTime] = dateCells(item.end)
    rows.push(
      row({
        Year: year,
        Month: month,
        Day: day,
        Time: time,
        'End Year': endYear,
        'End Month': endMonth,
        'End Day': endDay,
        'End Time': endTime,
        'Display Date': displayDate(item) ?? '',
        Headline: escapeHtml(item.title),
        Text: eventTextHtml(item, lanes.get(item.groupId)),
        // As in the JSON: TimelineJS decodes a group twice.
        Group: escapeHtml(escapeHtml(lanes.get(item.groupId)?.title ?? ''))
      })
    )
  }
  for (const item of items.filter((i) => i.kind === 'background' && i.end)) {
    const [year, month, day, time] = dateCells(item.start)
    const [endYear, endMonth, endDay, endTime] = dateCells(item.end)
    rows.push(
      row({
        Year: year,
        Month: month,
        Day: day,
        Time: time,
        'End Year': endYear,
        'End Month': endMonth,
        'End Day': endDay,
        'End Time': endTime,
        Headline: escapeHtml(item.title),
        Type: 'era'
      })
    )
  }
  return writeCsv([...SHEET_COLUMNS], rows)
}

export const timelineJsSheetWriter: Writer = {
  format: FORMAT,
  label: 'TimelineJS spreadsheet (CSV)',
  extension: '.csv',
  mimeType: 'text/csv',
  write: (document, options) => write(document, options?.itemIds)
}
