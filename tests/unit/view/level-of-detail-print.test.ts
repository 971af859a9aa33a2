/**
 * What the PDF's overview asks of levelOfDetail besides what the screen does: bins of a chosen
 * width (paper is finer than a screen) and the room each event takes as a numbered marker rather
 * than a screen title, so that a lane stays event by event while its markers fit.
 */
import { expect, it } from 'vitest'
import { emptyDocument } from '@shared/model/factory'
import type { TimelineDocument } from '@shared/model/schema'
import { binWidthFor, BIN_PX, levelOfDetail } from '@shared/view/level-of-detail'
import { TimelineModel } from '@shared/view/timeline-model'

const DAY = 86_400_000
const STAMP = '2026-01-01T00:00:00.000Z'

function documentOf(days: number[]): TimelineDocument {
  const doc = emptyDocument('t', new Date(STAMP))
  doc.groups = [{ id: 'a', title: 'A', color: '#4e79a7', order: 0 }]
  doc.items = days.map((day, i) => ({
    id: `e${i}`,
    groupId: 'a',
    kind: 'point' as const,
    start: new Date(Date.UTC(2000, 0, 1) + day * DAY).toISOString().slice(0, 10),
    title: 'A rather long title that takes a good part of the screen to show in full',
    description: '',
    tags: [],
    confidence: 'reported' as const,
    sources: [],
    notes: [],
    createdAt: STAMP,
    updatedAt: STAMP
  }))
  return doc
}

const window = { start: Date.UTC(2000, 0, 1), end: Date.UTC(2010, 0, 1) }

it('makes bins about binPx wide, BIN_PX when not asked', () => {
  expect(binWidthFor(window, 400)).toBe(binWidthFor(window, 400, BIN_PX))
  const fine = binWidthFor(window, 400, 8)
  const coarse = binWidthFor(window, 400, 16)
  expect(coarse).toBe(2 * fine)
  expect((fine / (window.end - window.start)) * 400).toBeGreaterThanOrEqual(8)
  expect((fine / (window.end - window.start)) * 400).toBeLessThan(16)
})

it('keeps a lane event by event while the given footprints fit its rows, and counts them in bins when not', () => {
  // Twelve events a few months apart: their screen titles pile up, 10-unit markers do not.
  const doc = documentOf(Array.from({ length: 12 }, (_, i) => i * 300))
  const model = new TimelineModel(doc)
  const request = { window, widthPx: 400, lanes: ['a'], rowsPerLane: 1, capacity: 100, binPx: 8 }
  expect(levelOfDetail(model, request).lanes.get('a')!.dense).toBe(true)
  const pxPerMs = 400 / (window.end - window.start)
  const marker = (key: number) => {
    const from = (model.startOf(key) - window.start) * pxPerMs
    return { from, to: from + 10 }
  }
  const detail = levelOfDetail(model, { ...request, footprint: marker })
  expect(detail.lanes.get('a')!.dense).toBe(false)
  expect(detail.items).toHaveLength(12)
  // Markers as wide as the plot: dense again, and its bins count all twelve.
  const wide = levelOfDetail(model, { ...request, footprint: (key) => ({ from: marker(key).from, to: 400 }) })
  expect(wide.lanes.get('a')!.dense).toBe(true)
  expect(wide.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(12)
})
