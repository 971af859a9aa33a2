/**
 * Issue 12: the Markdown chronology Chronotes writes reads back into a document: the bundled
 * dataset with notes (Cyrillic, quotes, Markdown, line breaks) written and read again keeps every
 * event's date and precision, title, lane, confidence, tags, description, sources and notes.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportDocument, importFile, pickReader } from '../../src/shared/codecs'
import { readShownDate } from '../../src/shared/codecs/markdown-reader'
import type { TimelineDocument, TimelineItem } from '../../src/shared/model/schema'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const dataset = JSON.parse(
  readFileSync('resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json', 'utf8')
) as TimelineDocument

function withNotes(): TimelineDocument {
  const doc = structuredClone(dataset)
  doc.items[0]!.notes.push({
    id: 'n1',
    author: 'Олена К.',
    body: 'Checked against the "archive".\n\n## A heading\n\n- and a list with *emphasis* 🙂',
    createdAt: '2025-03-05T14:30:00.000Z',
    updatedAt: '2025-03-06T09:00:00.000Z'
  })
  doc.items[1]!.description = 'Line one\nline two with <b>markup</b> and `code`'
  return doc
}

const view = (doc: TimelineDocument, item: TimelineItem) => ({
  start: item.start,
  end: item.end,
  displayDate: item.displayDate,
  title: item.title,
  lane: doc.groups.find((g) => g.id === item.groupId)?.title,
  confidence: item.confidence,
  tags: item.tags,
  description: item.description.trim(),
  sources: item.sources,
  notes: item.notes.map((n) => ({ author: n.author, body: n.body, createdAt: n.createdAt, updatedAt: n.updatedAt }))
})
const byDate = (a: ReturnType<typeof view>, b: ReturnType<typeof view>) =>
  a.start.localeCompare(b.start) || a.title.localeCompare(b.title)

describe('the Markdown chronology, read back', () => {
  it('is recognised and reads into the same events, lanes, sources and notes', () => {
    const doc = withNotes()
    const text = exportDocument(doc, 'markdown').text
    expect(pickReader(text, 'chronology.md')?.format).toBe('markdown')
    const result = importFile(new TextEncoder().encode(text), 'chronology.md', { now: NOW })
    if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems.slice(0, 3)))
    expect(result.problems).toEqual([])
    const back = result.document
    expect([back.title, back.description]).toEqual([doc.title, doc.description.trim()])
    expect(back.items.map((i) => view(back, i)).sort(byDate)).toEqual(doc.items.map((i) => view(doc, i)).sort(byDate))
  })

  it('reads the dates it writes, at their precision', () => {
    expect(readShownDate('2014')).toEqual({ value: '2014', precision: 'year' })
    expect(readShownDate('March 2014')).toEqual({ value: '2014-03', precision: 'month' })
    expect(readShownDate('5 March 2014')).toEqual({ value: '2014-03-05', precision: 'day' })
    expect(readShownDate('5 March 2014, 14:30 UTC')).toEqual({ value: '2014-03-05T14:30:00Z', precision: 'second' })
    // What formatEdtf writes comes back as the EDTF it was.
    expect(readShownDate('c. 2016?')).toEqual({ value: '2016%', precision: 'year' })
    expect(readShownDate('spring 2014?')).toEqual({ value: '2014-21?', precision: 'season' })
    expect(readShownDate('Q1 2022')).toEqual({ value: '2022-33', precision: 'quarter' })
    expect(readShownDate('2010s')).toEqual({ value: '201X', precision: 'year' })
    expect(readShownDate('2000–2099')).toEqual({ value: '20XX', precision: 'year' })
    expect(readShownDate('April 2014 (day unknown)')).toEqual({ value: '2014-04-XX', precision: 'day' })
    expect(readShownDate('5 March 2025, 14:30:07 UTC+02:00')).toEqual({
      value: '2025-03-05T14:30:07+02:00',
      precision: 'second'
    })
    expect(readShownDate('Smarch 2014')).toBeNull()
  })

  it('names a section whose date it cannot read, and reads the others', () => {
    const text =
      '# T\n\n_2 events in 1 lane._\n\n## sometime — A\n\n**Lane:** L · **Confidence:** reported\n\n## 2014 — B\n\n**Lane:** L · **Confidence:** reported\n'
    const result = importFile(new TextEncoder().encode(text), 'x.md', { now: NOW })
    if (result.status !== 'ok') throw new Error(result.status)
    expect(result.document.items.map((i) => i.title)).toEqual(['B'])
    expect(result.problems).toEqual([
      {
        file: 'x.md',
        where: 'line 5',
        leftOut: true,
        field: 'date',
        message: 'is "sometime", not a date as Chronotes writes them (5 March 2025)'
      }
    ])
  })
})
