import { stat, readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { exportDocument, importFile, READERS, WRITERS } from '../../shared/codecs'
import { MAX_IMPORT_BYTES, type EventField, type FormatId, type TableMapping } from '../../shared/codecs/types'
import type { Problem } from '../../shared/model/problems'
import type { TimelineDocument } from '../../shared/model/schema'
import { writeFileVerified } from '../../main/services/fs-utils'
import { EXIT, printProblems, UsageError, type CliCommand, type CliIo } from '../command'

// A record, so that the compiler says when EventField gains a field that --map should accept.
const FIELDS: Record<EventField, true> = {
  ignore: true,
  id: true,
  start: true,
  end: true,
  title: true,
  description: true,
  group: true,
  tags: true,
  confidence: true,
  notes: true,
  sourceTitle: true,
  sourceOutlet: true,
  sourceUrl: true,
  sourcePublished: true
}
const EVENT_FIELDS = Object.keys(FIELDS) as EventField[]

/** Fields whose column is read as dates, so that an ambiguous day/month order matters. */
const DATE_FIELDS: EventField[] = ['start', 'end', 'sourcePublished']
const DATE_ORDERS = ['day-month', 'month-day'] as const

/** The options that say how a colleague's file is read; `convert` and `merge` share them. */
export const READ_OPTIONS = {
  from: { type: 'string' },
  map: { type: 'string', multiple: true },
  'date-order': { type: 'string', multiple: true }
} as const

export interface ReadOptions {
  from?: string
  map?: string[]
  'date-order'?: string[]
}

export interface ReadOutcome {
  /** Null when nothing could be read (or a date column needs its order chosen). */
  document: TimelineDocument | null
  /** The format the file was read as, when one was recognised. */
  format: FormatId | null
  /** Records that could not be read and were left out, or why nothing was read. */
  problems: Problem[]
  /** Something the user should know that is not a problem (options that did not apply). */
  notice?: string
}

function formatList(formats: readonly { format: FormatId }[]): string {
  return formats.map((f) => f.format).join(', ')
}

export function readerFormat(value: string | undefined): FormatId | undefined {
  if (value === undefined) return undefined
  const reader = READERS.find((r) => r.format === value)
  if (!reader) throw new UsageError(`unknown format "${value}" for --from; it takes one of: ${formatList(READERS)}`)
  return reader.format
}

export function writerFormat(value: string | undefined): FormatId {
  if (value === undefined) throw new UsageError(`--to FORMAT is required; one of: ${formatList(WRITERS)}`)
  const writer = WRITERS.find((w) => w.format === value)
  if (!writer) throw new UsageError(`unknown format "${value}" for --to; it takes one of: ${formatList(WRITERS)}`)
  return writer.format
}

/** "COLUMN=VALUE" → [COLUMN, VALUE], split at the last "=" so that a header may contain one. */
function splitPair(option: string, text: string): [string, string] {
  const at = text.lastIndexOf('=')
  if (at <= 0) throw new UsageError(`${option} takes COLUMN=VALUE (got "${text}")`)
  return [text.slice(0, at), text.slice(at + 1)]
}

function parseMapOverrides(values: string[] = []): Record<string, EventField> {
  const columns: Record<string, EventField> = {}
  for (const value of values) {
    const [column, field] = splitPair('--map', value)
    if (!Object.hasOwn(FIELDS, field))
      throw new UsageError(`--map ${value}: "${field}" is not a field; use one of: ${EVENT_FIELDS.join(', ')}`)
    columns[column] = field as EventField
  }
  return columns
}

function parseDateOrders(values: string[] = []): TableMapping['dateOrder'] {
  const orders: TableMapping['dateOrder'] = {}
  for (const value of values) {
    const [column, order] = splitPair('--date-order', value)
    if (!(DATE_ORDERS as readonly string[]).includes(order))
      throw new UsageError(`--date-order ${value}: the order is day-month or month-day`)
    orders[column] = order as (typeof DATE_ORDERS)[number]
  }
  return orders
}

/**
 * Reads a colleague's file the way the app's import does, with the command line standing in for
 * the mapping step: the suggested mapping, changed by --map, and a day/month order per ambiguous
 * date column from --date-order. A column left ambiguous is a problem that says how to choose:
 * guessing would silently swap days and months.
 */
export async function readColleagueFile(path: string, options: ReadOptions, now: Date): Promise<ReadOutcome> {
  const file = basename(path)
  const from = readerFormat(options.from)
  const overrides = parseMapOverrides(options.map)
  const orders = parseDateOrders(options['date-order'])
  const size = (await stat(path)).size
  if (size > MAX_IMPORT_BYTES) {
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
    const message = `is ${mb(size)} MB; Chronotes reads files up to ${mb(MAX_IMPORT_BYTES)} MB`
    return { document: null, format: null, problems: [{ file, message }] }
  }
  const bytes = new Uint8Array(await readFile(path))
  const first = importFile(bytes, file, { now, ...(from ? { format: from } : {}) })
  if (first.status === 'failed') return { document: null, format: first.format, problems: first.problems }
  if (first.status === 'ok') {
    if (Object.keys(overrides).length || Object.keys(orders).length) {
      // Not an error: the same options may be given for a batch of files of mixed formats.
      const note = `--map and --date-order are not used: it was read as ${first.format}, which names its own fields`
      return { document: first.document, format: first.format, problems: first.problems, notice: note }
    }
    return { document: first.document, format: first.format, problems: first.problems }
  }

  const { preview, suggested } = first
  for (const column of [...Object.keys(overrides), ...Object.keys(orders)]) {
    if (!preview.headers.includes(column))
      throw new UsageError(`${file} has no column "${column}"; its columns are: ${preview.headers.join(', ')}`)
  }
  const mapping: TableMapping = {
    columns: { ...suggested.columns, ...overrides },
    dateOrder: { ...suggested.dateOrder, ...orders }
  }
  const undecided = preview.ambiguousDateColumns.filter(
    (column) => DATE_FIELDS.includes(mapping.columns[column] ?? 'ignore') && !(column in orders)
  )
  if (undecided.length) {
    const problems = undecided.map((column) => ambiguityProblem(file, column, preview.headers, preview.sample))
    return { document: null, format: first.format, problems: [...first.problems, ...problems] }
  }
  const second = importFile(bytes, file, { now, format: first.format, mapping })
  if (second.status === 'ok') return { document: second.document, format: second.format, problems: second.problems }
  // Nothing read: show how the columns were taken, since the fix is usually one --map.
  const taken = preview.headers.map((header) => `${header}=${mapping.columns[header] ?? 'ignore'}`).join(', ')
  const notice = `the columns were read as ${taken}; change that with --map COLUMN=FIELD`
  const problems = second.status === 'failed' ? second.problems : [{ file, message: 'its columns could not be mapped' }]
  return { document: null, format: second.format, problems, notice }
}

function ambiguityProblem(file: string, column: string, headers: string[], sample: string[][]): Problem {
  const index = headers.indexOf(column)
  const example = sample.map((row) => row[index]?.trim()).find((value) => value && /^\d{1,2}\D\d{1,2}\D/.test(value))
  return {
    file,
    field: column,
    message:
      `dates such as ${example ? `"${example}"` : 'these'} could be day/month or month/day; ` +
      `choose with --date-order ${shellWord(`${column}=day-month`)} or --date-order ${shellWord(`${column}=month-day`)}`
  }
}

/** An argument as it would be typed in a shell, so that a suggested command can be pasted. */
export function shellWord(text: string): string {
  if (/^[\w./@%+,:=-]+$/.test(text)) return text
  if (!/["$`\\!]/.test(text)) return `"${text}"`
  return `'${text.replace(/'/g, `'\\''`)}'`
}

const HELP = `Reads IN in any format Chronotes imports and writes it to OUT as FORMAT.

  --to FORMAT           the format to write (required)
  -o, --output OUT      the file to write (required); written atomically
  --from FORMAT         the format of IN, when it should not be recognised from its content
  --map COLUMN=FIELD    for a spreadsheet: the field a column holds, over the recognised one
                        (repeatable); FIELD is one of ${EVENT_FIELDS.join(', ')}
  --date-order COLUMN=day-month|month-day
                        for a date column where 03/04/2025 could be either (repeatable)
  --json                print the result and problems as one JSON object on stdout

Rows that cannot be read are listed and the rest is written; the exit code is then 1.`

export const convert: CliCommand = {
  name: 'convert',
  summary: 'convert a timeline file from one format to another',
  usage:
    'chronotes convert IN --to FORMAT -o OUT [--from FORMAT] [--map COLUMN=FIELD]… [--date-order COLUMN=ORDER]… [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        ...READ_OPTIONS,
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: true
    })
    if (values.help) return printHelp(io, this.usage, HELP)
    if (positionals.length !== 1) throw new UsageError('convert takes exactly one input file IN')
    const to = writerFormat(values.to)
    if (!values.output) throw new UsageError('-o OUT is required: the file to write')
    const input = resolve(io.cwd, positionals[0]!)
    const output = resolve(io.cwd, values.output)

    const read = await readColleagueFile(input, values, new Date())
    const json = values.json ?? false
    if (read.notice && !json) io.err(`chronotes convert: ${read.notice}`)
    let written = false
    if (read.document) {
      await writeFileVerified(output, exportDocument(read.document, to).text)
      written = true
    }
    const events = read.document?.items.length ?? 0
    // Notes say what was assumed; only problems fail the command.
    const problems = read.problems.filter((problem) => !problem.note).length
    const notes = read.problems.length - problems
    if (json) {
      const notice = read.notice ? { notice: read.notice } : {}
      const result = { input, from: read.format, output, to, written, events, ...notice, problems: read.problems }
      io.out(JSON.stringify(result, null, 2))
    } else {
      printProblems(read.problems, io, false)
      if (written) {
        const said = [problems ? count(problems, 'problem') : '', notes ? count(notes, 'note') : ''].filter(Boolean)
        const left = said.length ? `; ${said.join(', ')} (above)` : ''
        io.out(
          `${basename(output)}: ${count(events, 'event')} written as ${to} (read ${basename(input)} as ${read.format})${left}`
        )
      } else io.err(`chronotes convert: nothing written to ${basename(output)}`)
    }
    return problems || !written ? EXIT.problems : EXIT.ok
  }
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function printHelp(io: CliIo, usage: string, help: string): number {
  io.out(`Usage: ${usage}\n\n${help}`)
  return EXIT.ok
}
