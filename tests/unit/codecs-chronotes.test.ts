/**
 * Chronotes JSON through the codec registry: lossless both ways, any schema version up to the
 * current one, a colleague's ids kept (they are how a merge recognises events).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportDocument, importFile } from '../../src/shared/codecs'
import { chronotesReader, chronotesWriter } from '../../src/shared/codecs/chronotes-json'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeNote } from './helpers/documents'

const NOW = new Date('2026-01-10T09:00:00.000Z')
const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
const bytes = (text: string) => new TextEncoder().encode(text)

function dataset(): TimelineDocument {
  const read = readDocument(readFileSync(DATASET, 'utf8'))
  if (!read.ok) throw new Error('dataset did not validate')
  read.document.items.forEach((item, i) => i % 4 === 0 && item.notes.push(makeNote(`Note on ${item.title}`)))
  return read.document
}

describe('Chronotes JSON', () => {
  it('round-trips losslessly: serialize(read(write(doc))) === serialize(doc)', () => {
    const doc = dataset()
    const written = chronotesWriter.write(doc)
    const read = importFile(bytes(written), 'mine.chronotes.json', { now: NOW })
    if (read.status !== 'ok') throw new Error(JSON.stringify(read.problems))
    expect(read.format).toBe('chronotes')
    expect(read.problems).toEqual([])
    expect(serializeDocument(read.document)).toBe(serializeDocument(doc))
  })

  it('keeps a colleague’s ids and adds no provenance of its own', () => {
    const doc = makeDocument({ items: 3 })
    const read = chronotesReader.read(serializeDocument(doc), { fileName: 'theirs.chronotes.json', now: NOW })
    if (read.status !== 'ok') throw new Error(read.status)
    expect(read.document.id).toBe(doc.id)
    expect(read.document.items.map((i) => i.id)).toEqual(doc.items.map((i) => i.id))
    expect(read.document.items.every((i) => i.provenance === undefined)).toBe(true)
  })

  it('is recognised by its content under any name, and read with a BOM and CRLF', () => {
    const text = '\uFEFF' + serializeDocument(makeDocument()).replace(/\n/g, '\r\n')
    const read = importFile(bytes(text), 'export (1).json', { now: NOW })
    expect(read).toMatchObject({ status: 'ok', format: 'chronotes' })
  })

  it('migrates an older schema version', () => {
    const v0 = {
      format: 'chronotes',
      schemaVersion: 0,
      id: 'draft',
      title: 'Draft',
      description: '',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      lanes: [{ id: 'l', name: 'Lane', color: '#123456' }],
      events: [
        {
          id: 'e',
          lane: 'l',
          date: '2014-03',
          title: 'Old event',
          text: 'From the draft format',
          tags: [],
          confidence: 'reported',
          sources: [],
          notes: [],
          createdAt: '2025-01-01T00:00:00Z',
          updatedAt: '2025-01-01T00:00:00Z'
        }
      ]
    }
    const read = importFile(bytes(JSON.stringify(v0)), 'draft.chronotes.json', { now: NOW })
    if (read.status !== 'ok') throw new Error(JSON.stringify(read.problems))
    expect(read.document.schemaVersion).toBe(2)
    expect(read.document.items[0]).toMatchObject({
      id: 'e',
      groupId: 'l',
      start: '2014-03',
      description: 'From the draft format'
    })
  })

  it('refuses a newer schema version, a broken file and a non-Chronotes JSON in words', () => {
    const newer = { ...makeDocument(), schemaVersion: 99 }
    const refused = importFile(bytes(JSON.stringify(newer)), 'new.chronotes.json', { now: NOW })
    expect(refused.status).toBe('failed')
    expect(refused.problems[0]!.message).toMatch(/newer Chronotes/)

    const broken = importFile(bytes('{"format": "chronotes", "items": [1,'), 'cut.chronotes.json', { now: NOW })
    expect(broken).toMatchObject({ status: 'failed', format: 'chronotes' })
    expect(broken.problems[0]).toMatchObject({ file: 'cut.chronotes.json', where: 'line 1, column 37' })

    const other = chronotesReader.read('{"hello": 1}', { fileName: 'x.json', now: NOW })
    expect(other.status).toBe('failed')
    expect(other.problems[0]!.message).toMatch(/not a Chronotes document/)
  })

  it('names the event and field of a schema problem', () => {
    const doc = makeDocument({ items: 2 }) as unknown as { items: Record<string, unknown>[] }
    doc.items[1]!.start = 'yesterday'
    const read = chronotesReader.read(JSON.stringify(doc), { fileName: 'bad.chronotes.json', now: NOW })
    expect(read.status).toBe('failed')
    expect(read.problems[0]).toMatchObject({ file: 'bad.chronotes.json', where: 'event 2 ("Event 2")', field: 'start' })
  })

  it('does not overflow on absurdly nested input', () => {
    const deep = '['.repeat(200_000)
    const read = chronotesReader.read(deep, { fileName: 'deep.json', now: NOW })
    expect(read.status).toBe('failed')
  })

  it('writes only the chosen events, keeping every lane', () => {
    const doc = makeDocument({ items: 4 })
    const text = exportDocument(doc, 'chronotes', { itemIds: [doc.items[2]!.id] }).text
    const read = readDocument(text)
    if (!read.ok) throw new Error('invalid')
    expect(read.document.items.map((i) => i.id)).toEqual([doc.items[2]!.id])
    expect(read.document.groups).toEqual(doc.groups)
  })
})
