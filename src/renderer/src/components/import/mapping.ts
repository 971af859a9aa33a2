import type { EventField, TableMapping, TablePreview } from '@shared/codecs/types'
import { MONTHS } from '@shared/model/dates'

/** The event fields a column can hold, as the mapping step offers them. */
export const FIELD_OPTIONS: { value: EventField; label: string }[] = [
  { value: 'ignore', label: '— Leave out —' },
  { value: 'start', label: 'Date / start' },
  { value: 'end', label: 'End date' },
  { value: 'title', label: 'Title' },
  { value: 'description', label: 'Description' },
  { value: 'group', label: 'Lane' },
  { value: 'tags', label: 'Tags' },
  { value: 'confidence', label: 'Confidence' },
  { value: 'notes', label: 'Notes' },
  { value: 'sourceTitle', label: 'Source: title' },
  { value: 'sourceOutlet', label: 'Source: outlet' },
  { value: 'sourceUrl', label: 'Source: web address' },
  { value: 'sourcePublished', label: 'Source: published' },
  { value: 'id', label: 'Id' }
]
const LABELS = new Map(FIELD_OPTIONS.map((option) => [option.value, option.label]))

export const DATE_FIELDS: readonly EventField[] = ['start', 'end', 'sourcePublished']
/** Fields an event has one of: two columns cannot both hold one. */
const SINGLE_FIELDS: readonly EventField[] = ['id', 'start', 'end', 'title', 'group', 'confidence']

/** Up to `count` non-empty values of a column from the preview's sample, shortened for the table. */
export function sampleValues(preview: TablePreview, column: number, count = 3): string[] {
  const values: string[] = []
  for (const row of preview.sample) {
    const value = row[column]?.trim()
    if (value) values.push(value.length > 60 ? `${value.slice(0, 60)}…` : value)
    if (values.length === count) break
  }
  return values
}

export interface OrderExample {
  value: string
  dayMonth: string
  monthDay: string
}

/**
 * "03/04/2025 means 3 April 2025 or 4 March 2025": the question for an ambiguous date column,
 * asked with one of the column's own values when one of them could be read both ways.
 */
export function orderExample(preview: TablePreview, column: number): OrderExample {
  for (const row of preview.sample) {
    const match = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})/.exec(row[column] ?? '')
    if (!match) continue
    const [, a, b, year] = match
    const first = Number(a)
    const second = Number(b)
    if (first < 1 || second < 1 || first > 12 || second > 12 || first === second) continue
    return {
      value: match[0].trim(),
      dayMonth: `${first} ${MONTHS[second - 1]} ${year}`,
      monthDay: `${second} ${MONTHS[first - 1]} ${year}`
    }
  }
  return { value: '03/04/2025', dayMonth: '3 April 2025', monthDay: '4 March 2025' }
}

/** The ambiguous date columns that hold a date in this mapping: each needs the user's answer. */
export function columnsNeedingOrder(preview: TablePreview, mapping: TableMapping): string[] {
  return preview.ambiguousDateColumns.filter((header) => DATE_FIELDS.includes(mapping.columns[header] ?? 'ignore'))
}

/** What stops the mapping from being used, in words; empty when it can be used. */
export function mappingProblems(preview: TablePreview, mapping: TableMapping): string[] {
  const problems: string[] = []
  const byField = new Map<EventField, string[]>()
  for (const header of preview.headers) {
    const field = mapping.columns[header] ?? 'ignore'
    byField.set(field, [...(byField.get(field) ?? []), header])
  }
  if (!byField.has('start')) problems.push('Choose the column that holds each event’s date (Date / start).')
  if (!byField.has('title') && !byField.has('description'))
    problems.push('Choose the column that names each event (Title), or one that describes it.')
  for (const field of SINGLE_FIELDS) {
    const headers = byField.get(field) ?? []
    if (headers.length > 1)
      problems.push(`${LABELS.get(field)} is chosen for ${headers.map((h) => `“${h}”`).join(' and ')}: choose one.`)
  }
  const unanswered = columnsNeedingOrder(preview, mapping).filter((header) => !mapping.dateOrder[header])
  if (unanswered.length)
    problems.push(`Say how the dates in ${unanswered.map((h) => `“${h}”`).join(' and ')} are written.`)
  return problems
}
