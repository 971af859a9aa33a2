import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readDocument, serializeDocument, type ReadResult } from '../../src/shared/model/document'
import type { Problem } from '../../src/shared/model/problems'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument, makeNote, reverseKeys } from './helpers/documents'

const DATASET = resolve(__dirname, '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')

type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Problems of a valid document after `breakIt` has damaged a plain-JSON copy of it. */
function problemsAfter(breakIt: (doc: Loose) => void): Problem[] {
  const doc = JSON.parse(JSON.stringify(makeDocument({ items: 3 }))) as Loose
  breakIt(doc)
  const result = readDocument(JSON.stringify(doc))
  expect(result.ok).toBe(false)
  if (result.ok) return []
  expect(result.reason).toBe('INVALID_DOCUMENT')
  return result.problems
}

function failure(result: ReadResult) {
  if (result.ok) throw new Error('expected the read to fail')
  return result
}

describe('readDocument accepts', () => {
  it('the bundled dataset, with all 88 events and no problems', () => {
    const result = readDocument(readFileSync(DATASET, 'utf8'), 'dataset.chronotes.json')
    expect(result.ok ? [] : result.problems).toEqual([])
    expect(result.ok && result.document.items).toHaveLength(88)
    expect(result.ok && result.migratedFrom).toBeUndefined()
  })

  it('a valid document built in code, unchanged', () => {
    const doc = makeDocument({ items: 6, notesPerItem: 2 })
    expect(readDocument(JSON.stringify(doc))).toEqual({ ok: true, document: doc })
  })

  it('a file that starts with a byte order mark', () => {
    const doc = makeDocument()
    const result = readDocument('\uFEFF' + serializeDocument(doc))
    expect(result).toEqual({ ok: true, document: doc })
  })

  it('a "__proto__" key without polluting Object.prototype', () => {
    const text = serializeDocument(makeDocument()).replace('{', '{"__proto__": {"polluted": true},')
    const result = readDocument(text)
    expect(result.ok).toBe(true)
    expect(({} as Loose).polluted).toBeUndefined()
    expect(result.ok && Object.getPrototypeOf(result.document)).toBe(Object.prototype)
  })
})

describe('readDocument names the event and the field of each problem', () => {
  it('a start that is not an EDTF date, saying why', () => {
    const problems = problemsAfter((doc) => Object.assign(doc.items[0], { start: '2014-13' }))
    expect(problems).toEqual([
      {
        where: 'event 1 ("Event 1")',
        field: 'start',
        message: '"2014-13": months run from 01 to 12, seasons from 21 to 24, quarters from 33 to 36'
      }
    ])
  })

  it('a time without seconds, showing how to write it', () => {
    const problems = problemsAfter((doc) => Object.assign(doc.items[0], { start: '2014-04-12T09:30Z' }))
    expect(problems[0]!.message).toBe('"2014-04-12T09:30Z": write the seconds too, e.g. 2014-04-12T09:30:00Z')
  })

  it('a date as the source gives it longer than 200 characters', () => {
    const problems = problemsAfter((doc) => Object.assign(doc.items[0], { displayDate: 'x'.repeat(201) }))
    expect(problems).toEqual([
      { where: 'event 1 ("Event 1")', field: 'displayDate', message: 'must be at most 200 characters' }
    ])
  })

  it('an end before the start', () => {
    const problems = problemsAfter((doc) => Object.assign(doc.items[1], { start: '2016-05-01', end: '2016-04-30' }))
    expect(problems).toEqual([
      { where: 'event 2 ("Event 2")', field: 'end', message: '2016-04-30 is before the start 2016-05-01' }
    ])
  })

  it('an impossible end date', () => {
    const problems = problemsAfter((doc) => (doc.items[1].end = '2016-02-30'))
    expect(problems).toMatchObject([
      { where: 'event 2 ("Event 2")', field: 'end', message: /"2016-02-30" is not a valid day/ }
    ])
  })

  it('a point event with an end', () => {
    const problems = problemsAfter((doc) => (doc.items[0].end = doc.items[0].start))
    expect(problems).toEqual([
      { where: 'event 1 ("Event 1")', field: 'end', message: 'must be left out for a point event' }
    ])
  })

  it('a range or background event without an end', () => {
    const problems = problemsAfter((doc) => {
      delete doc.items[1].end
      delete doc.items[2].end
    })
    expect(problems).toEqual([
      { where: 'event 2 ("Event 2")', field: 'end', message: 'is required for a range event' },
      { where: 'event 3 ("Event 3")', field: 'end', message: 'is required for a background event' }
    ])
  })

  it('an event in a lane the document does not have', () => {
    const problems = problemsAfter((doc) => (doc.items[2].groupId = 'no-such-lane'))
    expect(problems).toEqual([
      {
        where: 'event 3 ("Event 3")',
        field: 'groupId',
        message: 'names lane "no-such-lane", which the document does not have'
      }
    ])
  })

  it('two events with one id', () => {
    let repeated = ''
    const problems = problemsAfter((doc) => (repeated = doc.items[2].id = doc.items[0].id))
    expect(problems).toEqual([{ where: 'event 3 ("Event 3")', field: 'id', message: `repeats event id ${repeated}` }])
  })

  it('two lanes with one id', () => {
    const problems = problemsAfter((doc) => {
      for (const item of doc.items) item.groupId = doc.groups[0].id
      doc.groups[1].id = doc.groups[0].id
    })
    expect(problems).toMatchObject([{ where: 'lane 2 ("Second lane")', field: 'id', message: /^repeats lane id / }])
  })

  it('two notes with one id on a range event', () => {
    const problems = problemsAfter((doc) => {
      const note = makeNote('first')
      doc.items[1].notes = [note, { ...makeNote('second'), id: note.id }]
    })
    expect(problems).toMatchObject([
      { where: 'event 2 ("Event 2")', field: 'notes[1].id', message: /^repeats note id / }
    ])
  })

  // Regression: an early `return` for an event without an end skipped the note id check.
  it('two notes with one id on a point event', () => {
    const problems = problemsAfter((doc) => {
      const note = makeNote('first')
      doc.items[0].notes = [note, { ...makeNote('second'), id: note.id }]
    })
    expect(problems).toMatchObject([{ where: 'event 1 ("Event 1")', field: 'notes[1].id' }])
  })

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/x', 'not a url'])(
    'a source address that is not http(s): %s',
    (url) => {
      const problems = problemsAfter((doc) => (doc.items[0].sources[0].url = url))
      expect(problems).toEqual([
        { where: 'event 1 ("Event 1")', field: 'sources[0].url', message: 'must be an http(s) address' }
      ])
    }
  )

  it('a source published on an impossible date', () => {
    const problems = problemsAfter((doc) => (doc.items[0].sources[0].published = '2014-02-30'))
    expect(problems).toMatchObject([{ where: 'event 1 ("Event 1")', field: 'sources[0].published' }])
  })

  it('an event with no title or an empty one (named by number only when there is no title)', () => {
    const problems = problemsAfter((doc) => {
      delete doc.items[0].title
      doc.items[1].title = ''
    })
    expect(problems).toMatchObject([
      { where: 'event 1', field: 'title', message: expect.any(String) },
      { where: 'event 2 ("")', field: 'title', message: 'must not be empty' }
    ])
  })

  it('a document without a title', () => {
    const problems = problemsAfter((doc) => delete doc.title)
    expect(problems).toMatchObject([{ field: 'title' }])
    expect(problems[0]!.where).toBeUndefined()
  })

  it('a lane with a colour that is not #rrggbb', () => {
    const problems = problemsAfter((doc) => (doc.groups[0].color = 'red'))
    expect(problems).toEqual([{ where: 'lane 1 ("Events")', field: 'color', message: 'must be a colour like #1f77b4' }])
  })

  it('an unknown confidence, a bad timestamp and an overlong title', () => {
    const problems = problemsAfter((doc) => {
      doc.items[0].confidence = 'certain'
      doc.items[1].notes[0].createdAt = 'yesterday'
      doc.items[2].title = 'x'.repeat(501)
    })
    expect(problems).toMatchObject([
      { where: 'event 1 ("Event 1")', field: 'confidence' },
      { where: 'event 2 ("Event 2")', field: 'notes[0].createdAt', message: /2025-03-05T14:00:00Z/ },
      { where: `event 3 ("${'x'.repeat(60)}")`, field: 'title', message: 'must be at most 500 characters' }
    ])
  })

  it('at most 100 problems for a file full of them', () => {
    const doc = makeDocument({ items: 150 })
    for (const item of doc.items) item.start = 'soon'
    const result = failure(readDocument(JSON.stringify(doc), 'many.chronotes.json'))
    expect(result.problems).toHaveLength(100)
    expect(result.problems.every((p) => p.file === 'many.chronotes.json' && p.field === 'start')).toBe(true)
  })
})

describe('readDocument refuses what is not a current Chronotes document', () => {
  it('invalid JSON, with the line and column', () => {
    const result = failure(readDocument('{\n  "format": "chronotes",\n}', 'broken.chronotes.json'))
    expect(result.reason).toBe('INVALID_JSON')
    expect(result.problems).toEqual([
      { file: 'broken.chronotes.json', where: 'line 3, column 1', message: expect.stringMatching(/^is not valid JSON/) }
    ])
  })

  it('an empty file as invalid JSON', () => {
    expect(failure(readDocument('')).reason).toBe('INVALID_JSON')
  })

  // Regression: V8 gives no position for a stray token, so `where` was left out.
  it('invalid JSON with a stray token, with the line and column', () => {
    const result = failure(readDocument('{\n  "format": "chronotes",\n  "title": nope\n}'))
    expect(result.problems[0]?.where).toMatch(/^line 3, column \d+$/)
  })

  // Long blank runs are cut for the parser that finds the place; the place is still in the file's terms.
  it('invalid JSON after long runs of blanks, at the right line and column', () => {
    const text = `{\n${' '.repeat(300)}"format": "chronotes",${'\t'.repeat(100)}\n${' '.repeat(200)}}`
    const result = failure(readDocument(text))
    expect(result.problems[0]?.where).toBe('line 3, column 201')
  })

  it('a file crowded with empty objects, refused before it is parsed', () => {
    const result = failure(readDocument(`{"events":[${'{},'.repeat(100_000)}{}]}`))
    expect(result.reason).toBe('INVALID_JSON')
    expect(result.problems[0]?.message).toMatch(/more than one object or list in every 12 characters/)
  })

  it.each(['{"format": "timelinejs"}', '{"title": "x"}', '[]', 'null', '"chronotes"', '42'])(
    'JSON that is not a Chronotes document: %s',
    (text) => {
      const result = failure(readDocument(text))
      expect(result.reason).toBe('NOT_CHRONOTES')
      expect(result.problems[0]?.message).toMatch(/not a Chronotes document/)
    }
  )

  it('a newer schema version, telling the reader to update', () => {
    const doc = { ...makeDocument(), schemaVersion: 3, somethingNew: [] }
    const result = failure(readDocument(JSON.stringify(doc)))
    expect(result.reason).toBe('NEWER_VERSION')
    expect(result.problems).toEqual([
      { field: 'schemaVersion', message: expect.stringMatching(/newer Chronotes.*Update Chronotes/) }
    ])
  })

  it.each(['"1"', '-1', '1.5', 'null'])('a schema version of %s', (version) => {
    const text = JSON.stringify({ ...makeDocument(), schemaVersion: '§' }).replace('"§"', version)
    const result = failure(readDocument(text))
    expect(result.reason).toBe('INVALID_DOCUMENT')
    expect(result.problems[0]?.field).toBe('schemaVersion')
  })
})

describe('serializeDocument', () => {
  const doc = makeDocument({ items: 4, notesPerItem: 2 })

  it('writes the same text whatever order the keys came in', () => {
    const shuffled = reverseKeys(doc)
    expect(Object.keys(shuffled)[0]).toBe('items')
    expect(serializeDocument(shuffled)).toBe(serializeDocument(doc))
  })

  it('writes keys in schema order, two-space indented, with one final newline', () => {
    const text = serializeDocument(doc)
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'schemaVersion',
      'id',
      'title',
      'description',
      'createdAt',
      'updatedAt',
      'groups',
      'items'
    ])
    expect(text.startsWith('{\n  "format": "chronotes",\n  "schemaVersion": 2,\n  "id": ')).toBe(true)
    expect(text).toContain('\n  "items": [\n    {\n      "id": ')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.endsWith('\n\n')).toBe(false)
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n')
  })

  it('drops keys the schema does not know, at every level', () => {
    const extra = JSON.parse(JSON.stringify(doc)) as Loose
    extra.secret = 1
    extra.groups[0].secret = 2
    extra.items[0].secret = 3
    extra.items[0].notes[0].secret = 4
    extra.items[0].sources[0].secret = 5
    const text = serializeDocument(extra as TimelineDocument)
    expect(text).not.toContain('secret')
    expect(text).toBe(serializeDocument(doc))
  })

  it('round-trips: reading what it wrote gives the same document', () => {
    expect(readDocument(serializeDocument(doc))).toEqual({ ok: true, document: doc })
    const dataset = readDocument(readFileSync(DATASET, 'utf8'))
    if (!dataset.ok) throw new Error('the dataset should read')
    expect(readDocument(serializeDocument(dataset.document))).toEqual(dataset)
  })

  it('refuses to write an invalid document', () => {
    const broken = { ...doc, items: [{ ...doc.items[0]!, start: '2014-13' }] }
    expect(() => serializeDocument(broken)).toThrow()
  })
})
