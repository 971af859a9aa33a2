/**
 * Editing on the timeline with real layout and a real mouse: double-click adds at the clicked
 * date and lane; a drag moves by the event's precision step, across lanes, and several selected
 * events move in one step.
 */
import { commands } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { afterEach, describe, expect, test } from 'vitest'
import { emptyDocument } from '@shared/model/factory'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'
import { documentExtent, selectTimelineItems } from '@shared/view/timeline-items'
import TimelineView from '../../src/renderer/src/components/timeline/TimelineView.vue'

const DAY = 86_400_000
const STAMP = '2026-01-01T00:00:00.000Z'

function item(id: string, groupId: string, start: string, _precision?: string): TimelineItem {
  return {
    id,
    groupId,
    kind: 'point',
    start,
    title: id,
    description: '',
    tags: [],
    confidence: 'confirmed',
    sources: [],
    notes: [],
    createdAt: STAMP,
    updatedAt: STAMP
  }
}

function makeDoc(): TimelineDocument {
  const doc = emptyDocument('Editing', new Date(STAMP))
  doc.groups = [
    { id: 'lane-1', title: 'First lane', color: '#0072b2', order: 0 },
    { id: 'lane-2', title: 'Second lane', color: '#009e73', order: 1 }
  ]
  doc.items = [
    item('anchor-a', 'lane-1', '2020-01-01', 'day'),
    item('anchor-b', 'lane-1', '2021-01-01', 'day'),
    item('month-event', 'lane-2', '2020-06', 'month'),
    item('day-event', 'lane-2', '2020-09-15', 'day')
  ]
  return doc
}

const hosts: { host: HTMLElement; unmount: () => void }[] = []
afterEach(() => {
  for (const { host, unmount } of hosts.splice(0)) {
    unmount()
    host.remove()
  }
})

async function mount(doc = makeDoc()) {
  const host = document.createElement('div')
  host.style.cssText = 'position: absolute; left: 0; top: 0; width: 1300px; height: 500px;'
  document.body.appendChild(host)
  const view = await render(TimelineView, {
    container: host,
    props: {
      document: doc,
      items: selectTimelineItems(doc, {}),
      groups: doc.groups,
      selectedIds: [],
      extent: documentExtent(doc)
    }
  })
  hosts.push({ host, unmount: () => view.unmount() })
  await expect.poll(() => host.querySelectorAll('.vis-foreground .vis-item.vis-point').length).toBe(4)
  await settled(host)
  return { host, view, doc }
}

/** Waits until no dot moves between two animation frames: vis lays out over a few frames. */
async function settled(host: HTMLElement): Promise<void> {
  let last = ''
  for (let i = 0; i < 60; i++) {
    await new Promise(requestAnimationFrame)
    const now = [...host.querySelectorAll('.vis-dot')].map((d) => d.getBoundingClientRect().left).join()
    if (now === last) return
    last = now
  }
}

function dotCentre(host: HTMLElement, id: string): { x: number; y: number } {
  const title = [...host.querySelectorAll('.vis-foreground .vis-item.vis-point')].find(
    (el) => el.querySelector('.item-title')?.textContent === id
  )
  const box = title!.querySelector('.vis-dot')!.getBoundingClientRect()
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 }
}

function titleCentre(host: HTMLElement, id: string): { x: number; y: number } {
  const title = [...host.querySelectorAll('.vis-foreground .item-title')].find((el) => el.textContent === id)!
  const box = title.getBoundingClientRect()
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 }
}

/** Pixels per millisecond, measured from the two anchors a year apart. */
function scale(host: HTMLElement): { x(time: number): number; perDay: number } {
  const a = dotCentre(host, 'anchor-a').x
  const b = dotCentre(host, 'anchor-b').x
  const t0 = Date.UTC(2020, 0, 1)
  const perMs = (b - a) / (Date.UTC(2021, 0, 1) - t0)
  return { x: (time) => a + (time - t0) * perMs, perDay: perMs * DAY }
}

function laneRow(host: HTMLElement, index: number): DOMRect {
  return host.querySelectorAll('.vis-itemset .vis-foreground .vis-group')[index]!.getBoundingClientRect()
}

describe('editing on the timeline', () => {
  test('double-clicking empty space in a lane adds an event at the clicked day, in that lane', async () => {
    const { host, view } = await mount()
    const row = laneRow(host, 1)
    const x = scale(host).x(Date.UTC(2020, 2, 10, 12))
    await commands.mouseDoubleClick({ x, y: row.top + row.height / 2 })
    await expect.poll(() => view.emitted('add')).toEqual([[{ groupId: 'lane-2', start: '2020-03-10' }]])
  })

  test('dragging a day event moves it by whole days', async () => {
    const { host, view } = await mount()
    const from = titleCentre(host, 'day-event')
    await commands.mouseClick(from) // a click selects it; a selected event can be dragged
    await commands.mouseDrag(from, { x: from.x + scale(host).perDay * 10.5, y: from.y })
    await expect.poll(() => view.emitted('move')?.length).toBe(1)
    const [[move]] = view.emitted('move')![0] as [{ id: string; groupId: string; start: string }[]]
    expect(move).toMatchObject({ id: 'day-event', groupId: 'lane-2' })
    // A whole day, about as far as the mouse went (hammer.js keeps the first few pixels to tell a drag from a click).
    expect(move!.start).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const days = (Date.parse(move!.start) - Date.UTC(2020, 8, 15)) / DAY
    expect(days).toBeGreaterThanOrEqual(7)
    expect(days).toBeLessThanOrEqual(11)
    // While dragging it was drawn on the day it lands on, not between days.
    await settled(host)
    expect(Math.abs(dotCentre(host, 'day-event').x - scale(host).x(Date.parse(move!.start)))).toBeLessThan(1.5)
  })

  test('dragging a month event moves it by whole months, and a short drag leaves it in its month', async () => {
    const { host, view } = await mount()
    const from = titleCentre(host, 'month-event')
    const { perDay } = scale(host)
    await commands.mouseClick(from)
    await commands.mouseDrag(from, { x: from.x + perDay * 9, y: from.y })
    await expect.poll(() => view.emitted('move')?.length).toBe(1)
    expect(view.emitted('move')![0]).toEqual([[{ id: 'month-event', groupId: 'lane-2', start: '2020-06' }]])
    // It snapped back to the middle of June while dragging, so a second drag starts from there.
    await settled(host)
    const again = titleCentre(host, 'month-event')
    await commands.mouseDrag(again, { x: again.x + perDay * 33, y: again.y })
    await expect.poll(() => view.emitted('move')?.length).toBe(2)
    expect(view.emitted('move')![1]).toEqual([[{ id: 'month-event', groupId: 'lane-2', start: '2020-07' }]])
  })

  test('dragging an event into another lane changes its lane', async () => {
    const { host, view } = await mount()
    const from = titleCentre(host, 'day-event')
    const target = laneRow(host, 0)
    await commands.mouseClick(from)
    await commands.mouseDrag(from, { x: from.x + scale(host).perDay * 5, y: target.top + target.height - 4 }, 20)
    await expect.poll(() => view.emitted('move')?.length).toBe(1)
    const [[move]] = view.emitted('move')![0] as [{ id: string; groupId: string; start: string }[]]
    expect(move).toMatchObject({ id: 'day-event', groupId: 'lane-1' })
  })

  test('several selected events move together, reported as one move', async () => {
    const { host, view } = await mount()
    const a = titleCentre(host, 'anchor-a')
    const day = titleCentre(host, 'day-event')
    await commands.mouseClick(a)
    const additive = navigator.platform.includes('Mac') ? 'Meta' : 'Control'
    const { userEvent } = await import('vitest/browser')
    await userEvent.keyboard(`{${additive}>}`)
    await commands.mouseClick(day)
    await userEvent.keyboard(`{/${additive}}`)
    await expect.poll(() => view.emitted('select')?.at(-1)).toEqual([['anchor-a', 'day-event']])
    await commands.mouseDrag(day, { x: day.x + scale(host).perDay * 20, y: day.y })
    await expect.poll(() => view.emitted('move')?.length).toBe(1)
    const [moves] = view.emitted('move')![0] as [{ id: string; start: string }[]]
    const shift = (id: string, from: number) => (Date.parse(moves.find((m) => m.id === id)!.start) - from) / DAY
    // Both moved, by the same whole number of days, in one report (one undo step).
    expect(moves.map((m) => m.id).sort()).toEqual(['anchor-a', 'day-event'])
    expect(shift('anchor-a', Date.UTC(2020, 0, 1))).toBe(shift('day-event', Date.UTC(2020, 8, 15)))
    expect(shift('anchor-a', Date.UTC(2020, 0, 1))).toBeGreaterThanOrEqual(15)
  })
})
