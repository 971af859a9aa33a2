/**
 * Reads back the Markdown chronology Chronotes writes (markdown.ts): the title and description,
 * then one "## date — title" section per event with its lane, confidence, tags, description,
 * sources and notes. It is a document for people, so some things are not in it and do not come
 * back: ids, lane colours and order, whether a range was a background, events' and notes' times
 * below the minute, and the exact spacing of titles.
 */
import { MONTHS, precisionOf, type Precision } from '../model/dates'
import type { Note, Source } from '../model/schema'
import { DocumentBuilder } from './build'
import { newId } from '../model/ids'
import { parseConfidence } from './timelinejs-fields'
import { guarded, tooLarge } from './timelinejs-common'
import { withoutBom } from './text'
import type { ReadResult, Reader } from './types'

const FORMAT = 'markdown'
const COUNT_LINE = /^_\d+ events? in \d+ lanes?\._$/
const SECTION = /^## (.+?) — (.*)$/

/** Text the writer escaped with plain(): its backslashes taken off. */
const unescape = (text: string) => text.replace(/\\(.)/g, '$1').trim()

/** Markdown the writer passed through markdownBody(): headings raised back, HTML's "<" back. */
function body(lines: string[], levels: number): string {
  let fenced = false
  return lines
    .map((line) => {
      if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced
      if (fenced || /^ {0,3}(```|~~~)/.test(line)) return line
      const heading = /^( {0,3})(#{2,6})(\s|$)/.exec(line)
      const lowered = heading
        ? `${heading[1]}${'#'.repeat(Math.max(1, heading[2]!.length - levels))}${line.slice(heading[1]!.length + heading[2]!.length)}`
        : line
      return lowered.replace(/&lt;/g, '<')
    })
    .join('\n')
    .trim()
}

const MONTH_NUMBER = new Map(MONTHS.map((name, index) => [name.toLowerCase(), index + 1]))
const pad = (n: number | string, width = 2) => String(n).padStart(width, '0')

const SUB_YEAR: Record<string, string> = {
  spring: '21',
  summer: '22',
  autumn: '23',
  winter: '24',
  Q1: '33',
  Q2: '34',
  Q3: '35',
  Q4: '36'
}
const SHOWN =
  /^(?:(?:(\d{1,2}) )?([A-Za-z]+) )?(\d{1,4})(?: \((month|day) unknown\))?(?:, (\d{2}):(\d{2})(?::(\d{2}))? UTC([+-]\d{2}:\d{2})?)?$/

/**
 * A date as formatEdtf says it ("c. 5 March 2025", "spring 2014?", "Q1 2022", "2010s",
 * "5 March 2025, 14:00 UTC+02:00") back to its EDTF string; null when it is not one of those.
 */
export function readShownDate(text: string): { value: string; precision: Precision } | null {
  let rest = text.trim()
  const approximate = rest.startsWith('c. ')
  if (approximate) rest = rest.slice(3)
  const uncertain = rest.endsWith('?')
  if (uncertain) rest = rest.slice(0, -1)
  const qualifier = approximate && uncertain ? '%' : approximate ? '~' : uncertain ? '?' : ''
  const checked = (value: string) => {
    const precision = precisionOf(value)
    return precision ? { value, precision } : null
  }
  const grouping = /^(spring|summer|autumn|winter|Q[1-4]) (\d{4})$/.exec(rest)
  if (grouping) return checked(`${grouping[2]}-${SUB_YEAR[grouping[1]!]}${qualifier}`)
  const decade = /^(\d{3})0s$/.exec(rest)
  if (decade) return checked(`${decade[1]}X${qualifier}`)
  const span = /^(\d{4})–(\d{4})$/.exec(rest)
  if (span) {
    const unknown = /9*$/.exec(span[2]!)![0].length
    return checked(`${span[1]!.slice(0, 4 - unknown)}${'X'.repeat(unknown)}`)
  }
  const m = SHOWN.exec(rest)
  if (!m) return null
  const [, day, monthName, year, unknown, hour, minute, second, offset] = m
  const month = monthName ? MONTH_NUMBER.get(monthName.toLowerCase()) : undefined
  if (monthName && !month) return null
  const y = pad(year!, 4)
  if (unknown) return checked(month ? `${y}-${pad(month)}-XX` : unknown === 'day' ? `${y}-XX-XX` : `${y}-XX`)
  if (!month) return checked(`${y}${qualifier}`)
  if (!day) return checked(`${y}-${pad(month)}${qualifier}`)
  const date = `${y}-${pad(month)}-${pad(day)}`
  return hour ? checked(`${date}T${hour}:${minute}:${second ?? '00'}${offset ?? 'Z'}`) : checked(`${date}${qualifier}`)
}

function readSource(line: string): Source | null {
  const m = /^- (?:\[(.*)\]\(<(.*)>\)|(.*?))(?: — (.*))?$/.exec(line)
  if (!m) return null
  const [, linkName, url, plainName, rest] = m
  const written = linkName ?? plainName ?? ''
  // An outlet written in place of a missing title is in italics.
  const outletOnly = /^_(.*)_$/.exec(written)
  const name = outletOnly ? '' : unescape(written)
  const details = rest ? rest.split(', ') : []
  const publishedText = details.find((d) => d.startsWith('published '))
  const outlet = details.filter((d) => !d.startsWith('published ')).join(', ')
  const published = publishedText ? readShownDate(publishedText.slice('published '.length)) : null
  const address = url || null
  return {
    title: name && name !== address && name !== 'Untitled source' ? name : null,
    outlet: outletOnly ? unescape(outletOnly[1]!) : outlet ? unescape(outlet) : null,
    url: address,
    published: published && published.precision !== 'second' ? published.value : null
  }
}

/** "5 March 2025, 14:00 UTC" as a stored timestamp. */
function stampOf(text: string, fallback: string): string {
  const date = readShownDate(text)
  return date?.precision === 'second' && date.value.endsWith('Z') ? `${date.value.slice(0, 19)}.000Z` : fallback
}

function readNotes(lines: string[], now: string): Note[] {
  const notes: Note[] = []
  let current: { author: string; createdAt: string; updatedAt: string; lines: string[] } | null = null
  const close = () => {
    if (current)
      notes.push({
        id: newId(),
        author: current.author,
        body: body(current.lines, 2) || '(empty)',
        createdAt: current.createdAt,
        updatedAt: current.updatedAt
      })
    current = null
  }
  for (const line of lines) {
    const head = /^> \*\*(.*)\*\*, (.+?)(?: \(edited (.+)\))?$/.exec(line)
    if (head) {
      close()
      const createdAt = stampOf(head[2]!, now)
      current = {
        author: unescape(head[1]!),
        createdAt,
        updatedAt: head[3] ? stampOf(head[3], createdAt) : createdAt,
        lines: []
      }
    } else if (current && line.startsWith('>')) current.lines.push(line.replace(/^> ?/, ''))
  }
  close()
  return notes
}

function read(text: string, fileName: string, now: Date): ReadResult {
  const refused = tooLarge(FORMAT, text, fileName)
  if (refused) return refused
  const content = withoutBom(text)
  // Looked for before the text is split, so that a file of blank lines costs nothing to refuse.
  const lines = /^# /m.test(content) ? content.split(/\r?\n/) : []
  const titleLine = lines.findIndex((l) => l.startsWith('# '))
  if (titleLine < 0)
    return {
      status: 'failed',
      format: FORMAT,
      problems: [{ file: fileName, message: 'has no "# title" line, so it is not a Chronotes chronology' }]
    }
  const builder = new DocumentBuilder(fileName, now, unescape(lines[titleLine]!.slice(2)))
  const countLine = lines.findIndex((l) => COUNT_LINE.test(l))
  const firstSection = lines.findIndex((l) => SECTION.test(l))
  const descriptionEnd = countLine >= 0 ? countLine : firstSection >= 0 ? firstSection : lines.length
  builder.document.description = body(lines.slice(titleLine + 1, descriptionEnd), 1)

  const starts = lines.flatMap((line, index) => (SECTION.test(line) ? [index] : []))
  const stamp = now.toISOString()
  for (const [n, from] of starts.entries()) {
    const where = `line ${from + 1}`
    const section = lines.slice(from + 1, starts[n + 1] ?? lines.length)
    const [, shown, title] = SECTION.exec(lines[from]!)!
    const [startText, endText] = shown!.split(' – ')
    const start = readShownDate(unescape(startText ?? ''))
    const end = endText ? readShownDate(unescape(endText)) : null
    if (!start || (endText && !end)) {
      builder.problem(where, 'date', `is "${shown!.slice(0, 60)}", not a date as Chronotes writes them (5 March 2025)`)
      continue
    }
    const factsIndex = section.findIndex((l) => l.trim())
    const facts = new Map(
      (section[factsIndex] ?? '').split(' · ').flatMap((part) => {
        const m = /^\*\*(Lane|Confidence|Tags|Date as given):\*\* (.*)$/.exec(part)
        return m ? [[m[1]!, m[2]!] as const] : []
      })
    )
    const rest = facts.size ? section.slice(factsIndex + 1) : section
    const sourcesAt = rest.indexOf('**Sources**')
    const notesAt = rest.indexOf('**Notes**')
    const bodyEnd = Math.min(...[sourcesAt, notesAt, rest.length].filter((i) => i >= 0))
    const sourceLines = sourcesAt >= 0 ? rest.slice(sourcesAt + 1, notesAt > sourcesAt ? notesAt : rest.length) : []
    const confidence = parseConfidence(facts.get('Confidence'))
    builder.addItem(where, {
      groupId: builder.lane(unescape(facts.get('Lane') ?? '')),
      start: start.value,
      ...(end ? { end: end.value } : {}),
      ...(facts.get('Date as given') ? { displayDate: unescape(facts.get('Date as given')!) } : {}),
      title: unescape(title ?? '') || 'Untitled event',
      description: body(rest.slice(0, bodyEnd), 2),
      tags: facts.get('Tags') ? facts.get('Tags')!.split(', ').map(unescape).filter(Boolean) : [],
      ...(confidence ? { confidence } : {}),
      sources: sourceLines.filter((l) => l.startsWith('- ')).flatMap((l) => readSource(l) ?? []),
      notes: notesAt >= 0 ? readNotes(rest.slice(notesAt + 1), stamp) : []
    })
  }
  const document = builder.finish()
  if (!document.items.length && builder.problems.length)
    return { status: 'failed', format: FORMAT, problems: builder.problems }
  return { status: 'ok', format: FORMAT, document, problems: builder.problems }
}

export const markdownReader: Reader = {
  format: FORMAT,
  label: 'Markdown chronology (as Chronotes writes it)',
  extensions: ['.md', '.markdown'],
  sniff(text) {
    const head = withoutBom(text).slice(0, 64 * 1024)
    if (!head.startsWith('# ')) return 0
    return /^_\d+ events? in \d+ lanes?\._$/m.test(head) ? 0.9 : 0
  },
  read: (text, context) => guarded(FORMAT, context.fileName, () => read(text, context.fileName, context.now))
}
