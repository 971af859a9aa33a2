/**
 * Find and filter on the bundled dataset: each criterion alone and together, dates at mixed
 * precisions, accent-insensitive search, the summary line, and the marks a results list draws.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/shared/model/document'
import type { Note, Source, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import {
  compareByDate,
  compileFilter,
  describeFilter,
  filterItems,
  highlightRanges,
  highlightSegments,
  isFilterActive,
  normalizeText,
  searchSnippet,
  tagsInUse,
  type ItemFilter
} from '../../src/shared/view/filter'
import { itemPeriod } from '../../src/shared/view/timeline-items'

const DATASET = 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'

function loadDataset(): TimelineDocument {
  const result = readDocument(readFileSync(DATASET, 'utf8'))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  return result.document
}

const doc = loadDataset()

function titled(doc: TimelineDocument, prefix: string): TimelineItem {
  const item = doc.items.find((i) => i.title.startsWith(prefix))
  if (!item) throw new Error(`dataset has no event titled "${prefix}…"`)
  return item
}

function note(body: string, author = 'Analyst'): Note {
  return {
    id: `n-${body.length}-${author}`,
    author,
    body,
    createdAt: '2025-03-12T10:00:00Z',
    updatedAt: '2025-03-12T10:00:00Z'
  }
}

/** The dataset with some events changed, the way the editor replaces them. */
function withChanges(changes: Record<string, Partial<TimelineItem>>): TimelineDocument {
  return {
    ...doc,
    items: doc.items.map((item) => {
      const prefix = Object.keys(changes).find((p) => item.title.startsWith(p))
      return prefix ? { ...item, ...changes[prefix] } : item
    })
  }
}

const titles = (items: TimelineItem[]) => items.map((i) => i.title.slice(0, 30)).sort()
const run = (filter: ItemFilter, on = doc) => filterItems(on, filter)

describe('search', () => {
  it('finds "Jeddah" in a title, and in a note or a source alone', () => {
    expect(titles(run({ text: 'Jeddah' }))).toEqual(['Jeddah talks end with U.S. ple'])

    const source: Source = {
      title: 'Ukraine delegation heads to Jeddah',
      outlet: 'Kyiv Independent',
      url: null,
      published: null
    }
    const annotated = withChanges({
      'Ratcliffe and Waltz confirm': { notes: [note('Pause lifted after the **Jeddah** talks, per Waltz.')] },
      'NGA blocks Ukrainian use': { sources: [...titled(doc, 'NGA blocks').sources, source] }
    })
    const found = run({ text: 'jeddah' }, annotated)
    expect(titles(found)).toEqual([
      'Jeddah talks end with U.S. ple',
      'NGA blocks Ukrainian use of U.',
      'Ratcliffe and Waltz confirm U.'
    ])
    expect(found.every((item) => item.start.startsWith('2025-03'))).toBe(true)
  })

  it('searches descriptions, tags, note authors and source outlets and addresses', () => {
    const brennan = titled(doc, 'CIA Director John Brennan')
    const word = brennan.description.split(/\s+/).find((w) => /^[a-z]{9,}$/i.test(w) && !brennan.title.includes(w))!
    expect(run({ text: word })).toContain(brennan)
    // "sikorski" is a tag of one event and in its title; "five-eyes" only in tags.
    expect(titles(run({ text: 'five-eyes' }))).toEqual([
      'CBS: Gabbard restricted peace-',
      'Daily Mail: Britain told to st'
    ])
    const outlet = brennan.sources[0]!.outlet!
    expect(run({ text: outlet })).toContain(brennan)
    const host = new URL(brennan.sources.find((s) => s.url)!.url!).hostname
    expect(run({ text: host })).toContain(brennan)
    const byAuthor = withChanges({
      'CIA Director John Brennan': { notes: [note('Check the dates.', 'Oksana Petrenko')] }
    })
    expect(titles(run({ text: 'petrenko' }, byAuthor))).toEqual(['CIA Director John Brennan make'])
  })

  it('ignores case and accents, in the text and in the query', () => {
    const sikorski = titled(doc, 'Musk, Sikorski and Rubio')
    expect(JSON.stringify(sikorski)).toContain('Radosław')
    // ł does not decompose in Unicode; it is folded by hand.
    expect(run({ text: 'RADOSLAW' })).toEqual([sikorski])
    expect(run({ text: 'radosław' })).toEqual([sikorski])
    const kyiv = run({ text: 'kyiv' })
    expect(kyiv.length).toBeGreaterThan(5)
    expect(run({ text: 'KYÏV' })).toEqual(kyiv)
    expect(normalizeText('Straße – Ukraine’s Zürich')).toBe("strasse - ukraine's zurich")
  })

  it('needs every word, wherever each one is', () => {
    const both = run({ text: 'burns   kyiv' })
    expect(both.length).toBeGreaterThan(2)
    const burns = run({ text: 'burns' })
    const kyiv = run({ text: 'kyiv' })
    expect(both).toEqual(burns.filter((item) => kyiv.includes(item)))
    expect(both.length).toBeLessThan(burns.length)
    expect(run({ text: 'jeddah nonexistentword' })).toEqual([])
    // Only whitespace is no search at all.
    expect(isFilterActive({ text: '  ' })).toBe(false)
    expect(run({ text: '  ' })).toBe(doc.items)
  })
})

describe('filters', () => {
  it('keeps the events of the chosen lanes', () => {
    const diplomacy = run({ groupIds: ['diplomacy'] })
    expect(diplomacy).toHaveLength(doc.items.filter((i) => i.groupId === 'diplomacy').length)
    expect(diplomacy.length).toBeGreaterThan(10)
    const two = run({ groupIds: ['diplomacy', 'policy-pause'] })
    expect(two.every((i) => i.groupId === 'diplomacy' || i.groupId === 'policy-pause')).toBe(true)
    expect(two.length).toBeGreaterThan(diplomacy.length)
  })

  it('keeps events with any of the chosen tags', () => {
    expect(titles(run({ tags: ['jeddah', 'geneva'] }))).toEqual([
      'Geneva talks produce a revised',
      'Jeddah talks end with U.S. ple'
    ])
    expect(run({ tags: ['starlink'] })).toHaveLength(6)
  })

  it('keeps events of the chosen confidence', () => {
    const disputed = run({ confidences: ['disputed'] })
    expect(disputed).toHaveLength(5)
    expect(disputed.every((i) => i.confidence === 'disputed')).toBe(true)
    expect(run({ confidences: ['disputed', 'reported'] })).toHaveLength(5 + 28)
    expect(run({ confidences: ['unverified'] })).toEqual([])
  })

  it('keeps events that overlap the date range, each date read at its own precision', () => {
    // February 2022: the month-precision event, the days in it, not January's or March's.
    expect(run({ from: '2022-02', to: '2022-02' }).map((i) => i.start)).toEqual([
      '2022-02',
      '2022-02-03',
      '2022-02-18',
      '2022-02-24',
      '2022-02-26'
    ])
    // A day inside a month-precision event's month keeps it: it may have happened that day.
    expect(run({ from: '2022-02-24', to: '2022-02-24' }).map((i) => i.start)).toEqual(['2022-02', '2022-02-24'])
    // "2016" (a year) overlaps from June 2016; so does the 2016–2017 range, and 2017–2020.
    const fromJune2016 = run({ from: '2016-06', to: '2017-06-30' }).map((i) => `${i.start}${i.end ? `–${i.end}` : ''}`)
    expect(fromJune2016).toEqual(['2016', '2016–2017', '2016-08-10', '2017–2020'])
    // Open-ended on either side.
    expect(run({ to: '2014-03' }).map((i) => i.start)).toEqual(['2014-02', '2014-03-18', '2014-03-26'])
    // December 2025 (a month) and the 14–15 December range both reach into the 15th.
    expect(run({ from: '2025-12-15' }).map((i) => i.start)).toEqual(['2025-12', '2025-12-14', '2025-12-28'])
    // A range that ends the day before `from` does not overlap it.
    expect(run({ from: '2014-04-14', to: '2014-04-30' })).toEqual([])
  })

  it('keeps an approximate event when it may fall inside the dates: "c. 2016" may be 2015 to 2017', () => {
    const base = doc.items[0]!
    const on = {
      ...doc,
      items: [
        { ...base, id: 'circa', start: '2016~' },
        { ...base, id: 'known', start: '2016' },
        { ...base, id: 'unsure', start: '2016?' },
        { ...base, id: 'spring', start: '2016-21~' }
      ]
    }
    const ids = (filter: ItemFilter) => run(filter, on).map((i) => i.id)
    expect(ids({ from: '2017-06', to: '2017-12' })).toEqual(['circa'])
    expect(ids({ from: '2015-03', to: '2015-03' })).toEqual(['circa'])
    // Uncertain is not approximate: "2016?" is 2016 if it is anything; c. spring 2016 may be winter or summer (to August).
    expect(ids({ from: '2016-07', to: '2016-07' })).toEqual(['circa', 'known', 'unsure', 'spring'])
    expect(ids({ from: '2016-09', to: '2016-09' })).toEqual(['circa', 'known', 'unsure'])
    expect(ids({ from: '2018' })).toEqual([])
  })

  it('does not filter on a date that is not a date', () => {
    for (const bad of ['2022-13', 'March 2022', '22', '2022-02-30']) {
      expect(isFilterActive({ from: bad })).toBe(false)
      expect(run({ from: bad, to: bad })).toBe(doc.items)
      expect(describeFilter(doc, { from: bad }, 88)).toBe('88 of 88 events')
    }
  })

  it('keeps events with notes', () => {
    expect(run({ hasNotes: true })).toEqual([])
    const annotated = withChanges({
      'Jeddah talks': { notes: [note('One.')] },
      'Oval Office meeting': { notes: [note('Two.'), note('Three.', 'B')] }
    })
    expect(titles(run({ hasNotes: true }, annotated))).toEqual([
      'Jeddah talks end with U.S. ple',
      'Oval Office meeting with Zelen'
    ])
    expect(run({ hasNotes: false }, annotated)).toBe(annotated.items)
  })

  it('combines criteria: all must hold', () => {
    const filter: ItemFilter = {
      groupIds: ['diplomacy', 'policy-pause'],
      confidences: ['confirmed'],
      from: '2025-03',
      to: '2025-03',
      text: 'pause'
    }
    expect(titles(run(filter))).toEqual([
      'Jeddah talks end with U.S. ple',
      'Ratcliffe and Waltz confirm U.',
      'Trump administration halts mil'
    ])
    const matches = compileFilter(filter)
    expect(matches(titled(doc, 'Daily Mail: Britain told'))).toBe(false) // reported
    expect(matches(titled(doc, 'Ukraine loses its Kursk'))).toBe(false) // Russian actions lane
    expect(run({ ...filter, tags: ['ceasefire'] }).map((i) => i.title.slice(0, 12))).toEqual(['Jeddah talks'])
  })

  it('reads an edited event afresh: the search cache follows the item object', () => {
    expect(run({ text: 'gooseberry' })).toEqual([])
    const edited = withChanges({ 'Jeddah talks': { description: 'Gooseberry.' } })
    expect(titles(run({ text: 'gooseberry' }, edited))).toEqual(['Jeddah talks end with U.S. ple'])
  })
})

describe('date order', () => {
  it('puts events in time order, a year or month before the days it contains', () => {
    const order = (starts: string[]) =>
      starts
        .map((start, n) => ({ ...doc.items[n]!, start }))
        .sort(compareByDate)
        .map((item) => item.start)
    expect(
      order([
        '2022-02-24',
        '2014',
        '2022-02',
        '2022',
        '2021-12-31T23:59:00Z',
        '2022-02-03',
        '2021-24',
        '2022-01-01T01:00:00+02:00'
      ])
    ).toEqual([
      '2014',
      // Winter 2021 runs from December 2021; a time is placed by its instant, whatever its offset.
      '2021-24',
      '2022-01-01T01:00:00+02:00', // 23:00 UTC on 31 December
      '2021-12-31T23:59:00Z',
      '2022',
      '2022-02',
      '2022-02-03',
      '2022-02-24'
    ])
    const sorted = [...doc.items].sort(compareByDate)
    for (let i = 1; i < sorted.length; i++)
      expect(itemPeriod(sorted[i - 1]!)!.start).toBeLessThanOrEqual(itemPeriod(sorted[i]!)!.start)
  })
})

describe('the summary and the tags', () => {
  it('describes the active filter in words', () => {
    expect(describeFilter(doc, {}, 88)).toBe('88 of 88 events')
    expect(
      describeFilter(
        doc,
        { text: ' Jeddah ', groupIds: ['diplomacy', 'policy-pause'], confidences: ['confirmed'], tags: ['cia'] },
        3
      )
    ).toBe(
      '3 of 88 events; matching “Jeddah”; lanes: Diplomacy, Pauses and restrictions; tags: cia; confidence: confirmed'
    )
    expect(describeFilter(doc, { from: '2022-02', to: '2022-02-24', hasNotes: true }, 4)).toBe(
      '4 of 88 events; from February 2022 to 24 February 2022; with notes'
    )
    expect(describeFilter(doc, { to: '2015' }, 12)).toBe('12 of 88 events; until 2015')
  })

  it('lists the tags in use, most used first, then alphabetically', () => {
    const tags = tagsInUse(doc)
    const count = (tag: string) => doc.items.filter((i) => i.tags.includes(tag)).length
    expect(new Set(tags)).toEqual(new Set(doc.items.flatMap((i) => i.tags)))
    expect(tags).toHaveLength(new Set(tags).size)
    expect(tags[0]).toBe('cia')
    for (let i = 1; i < tags.length; i++) {
      const [a, b] = [tags[i - 1]!, tags[i]!]
      expect(count(a) > count(b) || (count(a) === count(b) && a.localeCompare(b) < 0), `${a} before ${b}`).toBe(true)
    }
  })
})

describe('marking the words found', () => {
  it('marks every occurrence of every word, at offsets into the text as written', () => {
    const text = 'Jeddah talks end with U.S. pledge; talks in JEDDAH'
    const marked = highlightRanges(text, 'jeddah talks').map(({ start, end }) => text.slice(start, end))
    expect(marked).toEqual(['Jeddah', 'talks', 'talks', 'JEDDAH'])
    expect(highlightSegments(text, 'pledge')).toEqual([
      { text: 'Jeddah talks end with U.S. ', match: false },
      { text: 'pledge', match: true },
      { text: '; talks in JEDDAH', match: false }
    ])
    expect(highlightSegments('No match here', 'jeddah')).toEqual([{ text: 'No match here', match: false }])
  })

  it('maps folded letters back to the letters written', () => {
    const text = 'Radosław Sikorski in Straße, Kye\u0301v'
    const marks = (query: string) => highlightRanges(text, query).map(({ start, end }) => text.slice(start, end))
    expect(marks('radoslaw')).toEqual(['Radosław'])
    expect(marks('strasse')).toEqual(['Straße'])
    // The combining accent belongs to the letter it sits on.
    expect(marks('kyev')).toEqual(['Kye\u0301v'])
    expect(marks('sikorski radoslaw')).toEqual(['Radosław', 'Sikorski'])
    // Overlapping words are one mark.
    expect(marks('sikor korski')).toEqual(['Sikorski'])
  })

  it('explains a match outside the title with an excerpt of where it is', () => {
    const jeddah = titled(doc, 'Jeddah talks')
    expect(searchSnippet(jeddah, 'jeddah')).toBeNull()
    const snippet = searchSnippet(jeddah, 'jeddah yermak')!
    expect(snippet.field).toBe('description')
    expect(normalizeText(snippet.text)).toContain('yermak')
    expect(snippet.text.length).toBeLessThan(140)

    const long = 'An earlier meeting was planned elsewhere. '.repeat(4)
    const annotated = {
      ...titled(doc, 'Ratcliffe'),
      notes: [note(`${long}Then the **Jeddah** talks [moved](https://x.example) it on.`)]
    }
    const inNote = searchSnippet(annotated, 'Jeddah')!
    expect(inNote.field).toBe('note')
    expect(inNote.author).toBe('Analyst')
    expect(inNote.text).toMatch(/^….* the Jeddah talks moved it on\.$/)
    expect(inNote.text).not.toContain('**')
    expect(searchSnippet(annotated, 'nonexistentword')).toBeNull()
  })
})
