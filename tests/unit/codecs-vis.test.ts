import fc from 'fast-check'
import { precisionOf } from '../../src/shared/model/dates'
import { describe, expect, it } from 'vitest'
import { parseVisDate, visItemsReader } from '../../src/shared/codecs/vis-items'
import { formatProblem } from '../../src/shared/model/problems'
import { DocumentSchema } from '../../src/shared/model/schema'
import { HOSTILE, LIVE_MARKUP, allStrings, context, fixture, laneTitle, okDocument } from './codecs-timelinejs-helpers'

const readVis = (text: string, name = 'items.json') => visItemsReader.read(text, context(name))

describe('reading vis-timeline items and groups', () => {
  const result = readVis(fixture('vis-items.json'), 'export.json')
  const document = okDocument(result)
  const byTitle = (title: string) => document.items.find((i) => i.title === title)!

  it('reads content as the title and the title tooltip as the description, HTML as text', () => {
    expect(DocumentSchema.safeParse(document).success).toBe(true)
    const pause = byTitle('Pause announced')
    expect(pause.description).toBe('Confirmed by [Reuters](<https://www.reuters.com/>).')
    expect(pause.id).toBe('1')
    expect(pause.provenance?.originalId).toBe('1')
  })

  it('makes lanes from the groups, named by their content', () => {
    expect(document.groups.map((g) => g.title)).toEqual(['Intelligence sharing', 'Military aid', 'Events'])
    expect(laneTitle(document, byTitle('HIMARS delivered'))).toBe('Military aid')
    expect(laneTitle(document, byTitle('Full-scale war'))).toBe('Events')
  })

  it('reads dates as days unless they have a time, from ISO text or epoch milliseconds', () => {
    expect(document.items.map((i) => [i.title, i.kind, i.start, i.end, precisionOf(i.start)])).toEqual([
      ['Pause announced', 'point', '2025-03-05T21:05:00Z', undefined, 'second'],
      ['HIMARS delivered', 'range', '2022-06-23', '2022-07-01', 'day'],
      ['Full-scale war', 'background', '2022-02-24', '2025-12-31', 'day'],
      ['Epoch with a time', 'point', '2022-02-24T05:50:00Z', undefined, 'second'],
      ['Only a year', 'point', '2014', undefined, 'year']
    ])
  })

  it('names each item it could not read and the field', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      'export.json, item 6 ("No start"), start: is missing',
      'export.json, item 7 ("Bad start"), start: is "the day after", not an ISO 8601 date like 2014-04-12 or 2014-04-12T09:30:00Z',
      'export.json, item 8 ("Ends before it starts"), end: is 2020-04-01, before the start 2020-05-01',
      'export.json, item 9 ("Background with no end"), end: is missing; a background item needs an end',
      'export.json, className: was not imported, in 1 item: Chronotes has no place for it'
    ])
  })

  it('reads a bare array, with group ids as lane names', () => {
    const plain = okDocument(readVis(fixture('vis-items-array.json')))
    expect(plain.items.map((i) => [i.title, i.start, i.end, laneTitle(plain, i)])).toEqual([
      ['First item', '2014-04-12', undefined, 'Events'],
      ['Second item', '2014-04-14T09:30:00Z', '2014-04-15T18:00:00Z', 'Diplomacy']
    ])
  })

  it('refuses JSON that is not an item list', () => {
    expect(readVis('{"events": []}').status).toBe('failed')
    expect(readVis('not json').status).toBe('failed')
  })

  it('is recognised by sniffing, and leaves Chronotes and TimelineJS files alone', () => {
    expect(visItemsReader.sniff(fixture('vis-items-array.json'), 'x.json')).toBeGreaterThan(0.8)
    expect(visItemsReader.sniff(fixture('vis-items.json'), 'x.json')).toBeGreaterThan(0.5)
    expect(visItemsReader.sniff(fixture('timelinejs.json'), 'x.json')).toBe(0)
    expect(visItemsReader.sniff('{"format":"chronotes","items":[{"content":1,"start":2}]}', 'x.json')).toBe(0)
  })
})

describe('vis dates', () => {
  it.each([
    [1645660800000, { precision: 'day' }],
    [1645681800000, { precision: 'second' }],
    ['2014-04-12T00:00:00Z', { precision: 'day' }],
    ['2014-04-12T09:30:00+02:00', { ms: Date.UTC(2014, 3, 12, 7, 30), precision: 'second' }],
    ['2014-04', { ms: Date.UTC(2014, 3, 1), precision: 'month' }]
  ])('%s', (value, expected) => {
    expect(parseVisDate(value)).toMatchObject(expected)
  })
})

describe('hostile vis-timeline files', () => {
  it('reads payloads in content, title and group names as inert text', () => {
    const payload = HOSTILE.join(' ')
    const text = JSON.stringify({
      groups: [{ id: 'g', content: payload }],
      items: [
        {
          id: 'x',
          content: payload,
          title: payload,
          start: '2014-01-01',
          group: 'g',
          className: payload,
          style: payload
        }
      ]
    })
    const document = okDocument(readVis(text))
    expect(document.items[0]!.title).toContain('click me')
    for (const value of allStrings(document)) {
      expect(value).not.toMatch(LIVE_MARKUP)
      expect(value).not.toMatch(/javascript:/i)
    }
  })

  it('never throws, and returns a valid document or problems, on random or mutated input', () => {
    const base = fixture('vis-items.json')
    const inputs = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.json({ maxDepth: 4 }),
      fc
        .tuple(fc.nat({ max: base.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 20 }))
        .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut))
    )
    fc.assert(
      fc.property(inputs, (text) => {
        const result = readVis(text)
        if (result.status === 'ok') expect(DocumentSchema.safeParse(result.document).success).toBe(true)
        else expect(result.problems.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 }
    )
  })
})
