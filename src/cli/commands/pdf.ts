import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ChronotesError } from '../../shared/errors'
import { readDocument } from '../../shared/model/document'
import { precisionOf } from '../../shared/model/dates'
import { CONFIDENCES, type Confidence, type TimelineDocument } from '../../shared/model/schema'
import { ReportOptionsSchema, type ReportOptions } from '../../shared/report/options'
import { filterItems, isFilterActive, normalizeText, type ItemFilter } from '../../shared/view/filter'
import { createChromiumPrintEngine } from '../../main/services/chromium-print-engine'
import { findChromium } from '../../main/services/find-chromium'
import { ReportService } from '../../main/services/report-service'
import { EXIT, printProblems, UsageError, type CliCommand } from '../command'

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  from: { type: 'string' },
  to: { type: 'string' },
  lane: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  confidence: { type: 'string', multiple: true },
  'has-notes': { type: 'boolean' },
  'no-notes': { type: 'boolean' },
  'no-sources': { type: 'boolean' },
  page: { type: 'string' },
  landscape: { type: 'boolean' },
  title: { type: 'string' },
  subtitle: { type: 'string' },
  author: { type: 'string' },
  chromium: { type: 'string' },
  json: { type: 'boolean' }
} as const

export const pdf: CliCommand = {
  name: 'pdf',
  summary: 'print a timeline as an annotated PDF (with a Chromium on this machine)',
  usage:
    'chronotes pdf FILE -o OUT.pdf [--from DATE] [--to DATE] [--lane NAME]… [--tag TAG]… [--confidence LEVEL]… [--has-notes] [--no-notes] [--no-sources] [--page a4|letter] [--landscape] [--title T] [--subtitle S] [--author A] [--chromium PATH] [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true })
    if (positionals.length !== 1) throw new UsageError('pdf takes exactly one FILE')
    if (!values.output) throw new UsageError('-o OUT.pdf is required')
    const pageSize = paperSize(values.page)
    for (const option of ['from', 'to'] as const) {
      const value = values[option]
      if (value !== undefined && !precisionOf(value))
        throw new UsageError(`--${option} "${value}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD)`)
    }
    const confidences = (values.confidence ?? []).map(confidence)

    const path = resolve(io.cwd, positionals[0]!)
    const read = readDocument(await readFile(path, 'utf8'), basename(path))
    if (!read.ok) {
      printProblems(read.problems, io, values.json ?? false)
      return EXIT.problems
    }
    const document = read.document
    const filter: ItemFilter = {
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.lane?.length ? { groupIds: values.lane.map((name) => laneId(document, name)) } : {}),
      ...(values.tag?.length ? { tags: values.tag } : {}),
      ...(confidences.length ? { confidences } : {}),
      ...(values['has-notes'] ? { hasNotes: true } : {})
    }
    const parsed = ReportOptionsSchema.safeParse({
      title: values.title ?? document.title,
      ...(values.subtitle ? { subtitle: values.subtitle } : {}),
      ...(values.author ? { author: values.author } : {}),
      selection: isFilterActive(filter) ? { kind: 'filter', filter } : { kind: 'all' },
      includeNotes: !values['no-notes'],
      includeSources: !values['no-sources'],
      pageSize,
      landscape: values.landscape ?? false
    } satisfies ReportOptions)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new UsageError(`--${String(issue.path[0] ?? 'title')}: ${issue.message}`)
    }
    const events = isFilterActive(filter) ? filterItems(document, filter).length : document.items.length
    if (events === 0) {
      io.err(`chronotes pdf: no events of ${basename(path)} match the options; nothing was written.`)
      return EXIT.problems
    }

    const output = resolve(io.cwd, values.output)
    try {
      const executablePath = findChromium({ explicit: values.chromium })
      const reports = new ReportService({
        engine: () => createChromiumPrintEngine({ rendererDir: findRendererDir(), executablePath }),
        chooseTarget: async () => output
      })
      const result = await reports.exportPdf(document, parsed.data)
      if (!result) throw new ChronotesError('INTERNAL', 'nothing was written')
      if (values.json) io.out(JSON.stringify({ ...result, events }, null, 2))
      else
        io.out(
          `${result.path}: ${result.pages} ${result.pages === 1 ? 'page' : 'pages'}, ${kilobytes(result.bytes)}, ${events} of ${document.items.length} events`
        )
      return EXIT.ok
    } catch (error) {
      if (!(error instanceof ChronotesError)) throw error
      io.err(`chronotes pdf: ${error.message}`)
      return EXIT.problems
    }
  }
}

function paperSize(value: string | undefined): ReportOptions['pageSize'] {
  const page = (value ?? 'a4').toLowerCase()
  if (page === 'a4') return 'A4'
  if (page === 'letter') return 'Letter'
  throw new UsageError(`--page takes a4 or letter (got "${value}")`)
}

function confidence(value: string): Confidence {
  const level = CONFIDENCES.find((known) => known === value.toLowerCase())
  if (!level) throw new UsageError(`--confidence takes one of: ${CONFIDENCES.join(', ')} (got "${value}")`)
  return level
}

/** A lane by its title (case and accents aside) or its id; an unknown one lists those there are. */
function laneId(document: TimelineDocument, name: string): string {
  const wanted = normalizeText(name.trim())
  const lane =
    document.groups.find((group) => group.id === name) ??
    document.groups.find((group) => normalizeText(group.title.trim()) === wanted)
  if (lane) return lane.id
  const titles = [...document.groups].sort((a, b) => a.order - b.order).map((group) => `"${group.title}"`)
  throw new UsageError(`--lane "${name}": no such lane; the lanes are ${titles.join(', ') || '(none)'}`)
}

/**
 * The built print view: beside the built command line (out/cli → out/renderer), or, when run from
 * the sources, in the nearest out/renderer above them.
 */
function findRendererDir(): string {
  const here = import.meta.dirname
  const candidates = [join(here, '../renderer')]
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, 'out/renderer'))
  const found = candidates.find((dir) => existsSync(join(dir, 'report.html')))
  if (found) return found
  throw new ChronotesError(
    'INTERNAL',
    `the print view (report.html) is not built; looked in ${candidates[0]} and the out/renderer folders above it. Run \`npx electron-vite build\`.`
  )
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
