import { describe, expect, test } from 'vitest'
import { repaintsOnly, toVisItem } from '@renderer/components/timeline/vis-items'
import type { TimelineViewItem } from '@shared/view/timeline-items'

const item: TimelineViewItem = {
  id: 'a',
  group: 'lane',
  type: 'point',
  start: Date.UTC(2024, 0, 1),
  text: 'Liaison meeting',
  confidence: 'confirmed',
  approximate: false,
  noteCount: 0
}
const drawn = (change: Partial<TimelineViewItem> = {}) => toVisItem({ ...item, ...change }, '#4e79a7')

describe('repaintsOnly: a change that leaves an event drawn where and as large as it was', () => {
  test('a search starting, narrowing or ending changes only the paint', () => {
    expect(repaintsOnly(drawn(), drawn({ match: true }))).toBe(true)
    expect(repaintsOnly(drawn({ match: true }), drawn({ match: false }))).toBe(true)
    expect(repaintsOnly(drawn({ match: false }), drawn())).toBe(true)
  })

  test('anything that may move or resize the event is not paint only, with or without a search change', () => {
    expect(repaintsOnly(drawn(), drawn({ match: true, text: 'Liaison meeting in Kyiv' }))).toBe(false)
    expect(repaintsOnly(drawn(), drawn({ match: true, noteCount: 2 }))).toBe(false)
    expect(repaintsOnly(drawn(), drawn({ compact: true }))).toBe(false)
    expect(repaintsOnly(drawn({ match: true }), drawn({ match: false, compact: true }))).toBe(false)
    expect(repaintsOnly(drawn(), drawn({ start: item.start + 86_400_000, match: true }))).toBe(false)
    expect(repaintsOnly(drawn(), drawn({ confidence: 'reported' }))).toBe(false)
  })

  test('an unchanged event, or one not drawn before, is not a repaint', () => {
    expect(repaintsOnly(drawn(), drawn())).toBe(false)
    expect(repaintsOnly(undefined, drawn({ match: true }))).toBe(false)
  })
})
