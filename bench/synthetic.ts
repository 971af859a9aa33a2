import { emptyDocument } from '../src/shared/model/factory'
import { newId } from '../src/shared/model/ids'
import type { TimelineDocument, TimelineItem } from '../src/shared/model/schema'

const WORDS =
  'intelligence sharing officials reported satellite imagery liaison briefing Kyiv Washington agency targeting'.split(
    ' '
  )

/** A large, realistic-looking document: 8 lanes, every fifth event with a note, two sources each. */
export function syntheticDocument(count: number, seed = 1): TimelineDocument {
  // mulberry32: the LCG before it multiplied past 2^53 in floating point and fell into short
  // cycles, so that a third of the days were never used and titles repeated on the same dates.
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')
  const now = new Date('2026-01-01T00:00:00Z')
  const doc = emptyDocument(`Synthetic ${count}`, now)
  doc.groups = Array.from({ length: 8 }, (_, order) => ({
    id: newId(),
    title: `Lane ${order + 1}`,
    color: '#4e79a7',
    order
  }))
  const stamp = now.toISOString()
  const span = Date.UTC(2025, 0, 1) - Date.UTC(1990, 0, 1)
  doc.items = Array.from({ length: count }, (_, index): TimelineItem => {
    const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * span)).toISOString().slice(0, 10)
    return {
      id: newId(),
      groupId: doc.groups[index % 8]!.id,
      kind: 'point',
      start: day,
      title: words(6),
      description: words(40),
      tags: ['synthetic', WORDS[index % WORDS.length]!],
      confidence: 'reported',
      sources: [
        { title: words(5), outlet: 'Example Times', url: `https://example.org/${index}`, published: day },
        { title: null, outlet: 'Example Post', url: null, published: null }
      ],
      notes:
        index % 5 === 0 ? [{ id: newId(), author: 'Bench', body: words(30), createdAt: stamp, updatedAt: stamp }] : [],
      createdAt: stamp,
      updatedAt: stamp
    }
  })
  return doc
}
