import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { precisionOf } from '../../src/shared/model/dates'

// Checks the bundled US–Ukraine dataset against the reference fact sheet it was built from.
// Deliberately independent of src/: the schema itself is validated by a separate test.

interface FactSource {
  outlet: string | null
  title: string | null
  date: string | null
  url: string | null
}

interface Fact {
  date: string
  endDate?: string
  datePrecision: string
  title: string
  summary: string
  category: string
  confidence: string
  sources: FactSource[]
  verifiedAddress: string
}

interface ItemSource {
  title: string | null
  outlet: string | null
  url: string | null
  published: string | null
}

interface Group {
  id: string
  title: string
  color: string
  order: number
}

interface Item {
  id: string
  groupId: string
  kind: string
  start: string
  end?: string
  title: string
  description: string
  tags: string[]
  confidence: string
  sources: ItemSource[]
  notes: unknown[]
  createdAt: string
  updatedAt: string
}

interface ChronotesDocument {
  format: string
  schemaVersion: number
  id: string
  title: string
  description: string
  createdAt: string
  updatedAt: string
  groups: Group[]
  items: Item[]
}

const DATASET_URL = new URL(
  '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json',
  import.meta.url
)
const FACTS_URL = new URL('../fixtures/us-ukraine-facts.json', import.meta.url)

const datasetText = readFileSync(DATASET_URL, 'utf8')
const doc = JSON.parse(datasetText) as ChronotesDocument
const facts = JSON.parse(readFileSync(FACTS_URL, 'utf8')) as Fact[]

const CATEGORIES = [
  'intelligence-sharing',
  'covert-cooperation',
  'military-aid',
  'diplomacy',
  'policy-pause',
  'russian-action',
  'leak-or-disclosure',
  'infrastructure'
]
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const DOC_KEYS = ['format', 'schemaVersion', 'id', 'title', 'description', 'createdAt', 'updatedAt', 'groups', 'items']
const ITEM_KEYS_POINT = [
  'id',
  'groupId',
  'kind',
  'start',
  'title',
  'description',
  'tags',
  'confidence',
  'sources',
  'notes',
  'createdAt',
  'updatedAt'
]
const ITEM_KEYS_RANGE = [...ITEM_KEYS_POINT.slice(0, 4), 'end', ...ITEM_KEYS_POINT.slice(4)]
const SOURCE_KEYS = ['title', 'outlet', 'url', 'published']

/** Start dates are ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD); plain string order = chronological start. */
function compareStart(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The facts in the order the dataset must list them: by start date, fact-sheet order for ties. */
const expectedOrder: Fact[] = facts
  .map((fact, index) => ({ fact, index }))
  .sort((a, b) => compareStart(a.fact.date, b.fact.date) || a.index - b.index)
  .map(({ fact }) => fact)

const blankToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value === '' ? null : value

/** The source list an item must carry for a fact, including the verifiedAddress rule. */
function expectedSources(fact: Fact): ItemSource[] {
  const sources: ItemSource[] = fact.sources.map((s) => ({
    title: blankToNull(s.title),
    outlet: blankToNull(s.outlet),
    url: blankToNull(s.url),
    published: blankToNull(s.date)
  }))
  if (!fact.sources.some((s) => s.url === fact.verifiedAddress)) {
    sources.push({
      title: null,
      outlet: new URL(fact.verifiedAddress).hostname.replace(/^www\./, ''),
      url: fact.verifiedAddress,
      published: null
    })
  }
  return sources
}

/** Lower-case word tokens with punctuation, accents and in-word dots/apostrophes removed. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'\u2018\u2019`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

/** The first run of `n` or more consecutive words that `text` shares with `reference`, if any. */
function sharedRun(text: string, reference: string, n = 6): string | null {
  const ref = words(reference)
  const grams = new Set<string>()
  for (let i = 0; i + n <= ref.length; i++) grams.add(ref.slice(i, i + n).join(' '))
  const own = words(text)
  for (let i = 0; i + n <= own.length; i++) {
    const gram = own.slice(i, i + n).join(' ')
    if (grams.has(gram)) return gram
  }
  return null
}

/** Whether an item carries exactly the fact-derived fields (everything except the rewritten text). */
function itemMatchesFact(item: Item, fact: Fact): boolean {
  return (
    item.start === fact.date &&
    item.end === fact.endDate &&
    precisionOf(item.start) === fact.datePrecision &&
    item.confidence === fact.confidence &&
    item.groupId === fact.category &&
    JSON.stringify(item.sources) === JSON.stringify(expectedSources(fact))
  )
}

describe('bundled dataset: us-ukraine-intelligence-2014-2025', () => {
  it('is a pretty-printed schema-1 Chronotes document with a trailing newline', () => {
    expect(datasetText.startsWith('{\n  "format": "chronotes",\n')).toBe(true)
    expect(datasetText.endsWith('\n}\n')).toBe(true)
    for (const line of datasetText.split('\n')) expect(line).toMatch(/^(  )*\S|^$/)
    expect(Object.keys(doc)).toEqual(DOC_KEYS)
    expect(doc.format).toBe('chronotes')
    expect(doc.schemaVersion).toBe(2)
    expect(doc.id).toBe('us-ukraine-intelligence-2014-2025')
    expect(doc.title).toBe('US–Ukraine intelligence cooperation, 2014–2025')
    expect(doc.description.length).toBeGreaterThan(100)
  })

  it('has one item per fact, with unique UUID v4 ids', () => {
    expect(facts).toHaveLength(88)
    expect(doc.items).toHaveLength(facts.length)
    const ids = doc.items.map((item) => item.id)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('has exactly one group per category, and every item names an existing group', () => {
    const groupIds = doc.groups.map((g) => g.id)
    expect([...groupIds].sort()).toEqual([...CATEGORIES].sort())
    expect(new Set(facts.map((f) => f.category))).toEqual(new Set(CATEGORIES))
    expect(doc.groups.map((g) => g.order)).toEqual(doc.groups.map((_, i) => i))
    for (const group of doc.groups) {
      expect(Object.keys(group)).toEqual(['id', 'title', 'color', 'order'])
      expect(group.title.trim().length).toBeGreaterThan(0)
      expect(group.color).toMatch(/^#[0-9a-f]{6}$/)
    }
    expect(new Set(doc.groups.map((g) => g.color)).size).toBe(doc.groups.length)
    for (const item of doc.items) expect(groupIds).toContain(item.groupId)
  })

  it('lists items in non-decreasing start order', () => {
    for (let i = 1; i < doc.items.length; i++) {
      const prev = doc.items[i - 1]!
      const cur = doc.items[i]!
      expect(compareStart(prev.start, cur.start), `${prev.start} before ${cur.start}`).toBeLessThanOrEqual(0)
    }
  })

  it('matches each fact to exactly one item, at its sorted position', () => {
    expect(expectedOrder).toHaveLength(doc.items.length)
    expectedOrder.forEach((fact, position) => {
      const matches = doc.items
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => itemMatchesFact(item, fact))
      expect(
        matches.map((m) => m.index),
        `fact "${fact.title}"`
      ).toEqual([position])
    })
  })

  it('carries dates, kind, precision, confidence, group and sources from its fact', () => {
    doc.items.forEach((item, position) => {
      const fact = expectedOrder[position]!
      const label = `item ${position} (${fact.title})`
      expect(Object.keys(item), label).toEqual(fact.endDate === undefined ? ITEM_KEYS_POINT : ITEM_KEYS_RANGE)
      expect(item.start, label).toBe(fact.date)
      expect(item.end, label).toBe(fact.endDate)
      expect(item.kind, label).toBe(fact.endDate === undefined ? 'point' : 'range')
      expect(precisionOf(item.start), label).toBe(fact.datePrecision)
      expect(item.confidence, label).toBe(fact.confidence)
      expect(item.groupId, label).toBe(fact.category)
      expect(item.sources, label).toStrictEqual(expectedSources(fact))
      for (const source of item.sources) expect(Object.keys(source), label).toEqual(SOURCE_KEYS)
    })
  })

  it('appends the verified address as a source only when no source already has that url', () => {
    const appended = doc.items.filter(
      (item, position) => item.sources.length === expectedOrder[position]!.sources.length + 1
    )
    const missing = facts.filter((f) => !f.sources.some((s) => s.url === f.verifiedAddress))
    expect(appended).toHaveLength(missing.length)
    for (const item of appended) {
      const last = item.sources[item.sources.length - 1]!
      expect(last.title).toBeNull()
      expect(last.published).toBeNull()
      expect(last.outlet).not.toMatch(/^www\./)
      expect(last.url).toBeTruthy()
    }
  })

  it('has short titles, Markdown descriptions, 2-4 lowercase tags and fixed timestamps', () => {
    for (const item of doc.items) {
      expect(item.title.trim().length).toBeGreaterThan(0)
      expect(item.title.length, item.title).toBeLessThanOrEqual(80)
      expect(item.description.trim().length, item.title).toBeGreaterThan(40)
      expect(item.tags.length, item.title).toBeGreaterThanOrEqual(2)
      expect(item.tags.length, item.title).toBeLessThanOrEqual(4)
      for (const tag of item.tags) expect(tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(new Set(item.tags).size).toBe(item.tags.length)
      expect(item.notes).toEqual([])
      expect(item.createdAt).toBe('2026-11-26T00:00:00.000Z')
      expect(item.updatedAt).toBe('2026-11-26T00:00:00.000Z')
    }
  })

  describe('text is rewritten, not copied', () => {
    it('sharedRun detects a 6-word run regardless of case and punctuation, and ignores 5-word runs', () => {
      expect(sharedRun('The U.S. said: it was a MAJOR step!', 'so the US said it was a major one')).toBe(
        'the us said it was a'
      )
      expect(sharedRun('one two three four five six', 'One, two; three — four five six.')).toBe(
        'one two three four five six'
      )
      expect(sharedRun('one two three four five', 'one two three four five')).toBeNull()
      expect(sharedRun('alpha beta gamma delta epsilon zeta', 'alpha beta gamma delta epsilon eta')).toBeNull()
      expect(sharedRun('Café Zürich’s one-two three four', 'cafe zurichs one two three four')).toBe(
        'cafe zurichs one two three four'
      )
    })

    it('no item title or description shares 6+ consecutive words with its fact title or summary', () => {
      const violations: string[] = []
      doc.items.forEach((item, position) => {
        const fact = expectedOrder[position]!
        for (const [field, text] of [
          ['title', item.title],
          ['description', item.description]
        ] as const) {
          for (const [refField, reference] of [
            ['title', fact.title],
            ['summary', fact.summary]
          ] as const) {
            const run = sharedRun(text, reference)
            if (run !== null) violations.push(`${item.start} ${field} ~ fact ${refField}: "${run}"`)
          }
        }
      })
      expect(violations).toEqual([])
    })
  })
})
