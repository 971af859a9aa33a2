/**
 * The timeline's hold on vis-timeline's drawing (vis-internals.ts), on a real vis-timeline in a
 * real Chromium: a change is drawn whole, once, at once; a window moved is drawn with its events.
 */
import { DataSet } from 'vis-data/peer'
import { Timeline } from 'vis-timeline/peer'
import 'vis-timeline/styles/vis-timeline-graph2d.css'
import { afterEach, expect, test } from 'vitest'
import { deferRedraws, drawInOnePass, drawItemsTogether } from '@renderer/components/timeline/vis-internals'
import type { VisGroup, VisItem } from '@renderer/components/timeline/vis-items'

const DAY = 86_400_000
const START = Date.UTC(2020, 0, 1)

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

const taken: (() => void)[] = []
afterEach(() => taken.splice(0).forEach((takeDown) => takeDown()))

function lane(id: string, title: string): VisGroup {
  return {
    id,
    content: title,
    order: Number(id.slice(1)),
    className: '',
    style: ''
  }
}

function event(id: string, group: string, day: number): VisItem {
  return {
    id,
    group,
    type: 'point',
    start: START + day * DAY,
    content: `Event ${id}`,
    className: '',
    style: ''
  }
}

/** A drawn timeline of 20 events in two lanes, counting vis-timeline's whole redraws ('changed'). */
async function drawnTimeline() {
  const host = document.createElement('div')
  host.style.cssText = 'width: 1200px; height: 600px;'
  document.body.appendChild(host)
  const items = new DataSet<VisItem, 'id'>(Array.from({ length: 20 }, (_, i) => event(`e${i}`, `g${i % 2}`, i * 3)))
  const groups = new DataSet<VisGroup, 'id'>([lane('g0', 'First'), lane('g1', 'Second')])
  // Without a start and end given, vis-timeline fits the events and then redraws on range changes.
  const timeline = new Timeline(host, items, groups, { stack: true })
  drawItemsTogether(timeline)
  const redraws = { count: 0 }
  timeline.on('changed', () => redraws.count++)
  taken.push(() => {
    timeline.destroy()
    host.remove()
  })
  await expect.poll(() => host.querySelectorAll('.vis-item.vis-point').length).toBe(20)
  timeline.setWindow(START - 5 * DAY, START + 70 * DAY, { animation: false })
  // Until no redraw is left pending.
  await expect
    .poll(async () => {
      const before = redraws.count
      await frame()
      await frame()
      return redraws.count === before
    })
    .toBe(true)
  return { host, items, groups, timeline, redraws }
}

function titles(host: HTMLElement): string[] {
  return [...host.querySelectorAll('.vis-item.vis-point .vis-item-content')].map((el) => el.textContent ?? '')
}

test('a change of events and lanes is drawn whole, once, before drawInOnePass returns', async () => {
  const { host, items, groups, timeline, redraws } = await drawnTimeline()
  const renamed = { ...event('e0', 'g0', 0), content: 'Renamed' }
  const added = event('e20', 'g1', 40)
  redraws.count = 0
  drawInOnePass(timeline, [renamed, added], () => {
    groups.update({ ...lane('g1', 'Second lane, renamed') })
    items.remove(['e5'])
    items.update([renamed, added])
  })
  expect(redraws.count, 'drawn whole, at once').toBe(1)
  expect(titles(host)).toContain('Renamed')
  expect(titles(host)).toContain('Event e20')
  expect(titles(host)).not.toContain('Event e5')
  expect(titles(host)).toHaveLength(20)
  expect([...host.querySelectorAll('.vis-label')].map((el) => el.textContent)).toEqual([
    'First',
    'Second lane, renamed'
  ])
  // The redraws each DataSet change asked for were dropped with the change.
  await frame()
  await frame()
  expect(redraws.count, 'nothing left to draw a frame later').toBe(1)
})

test('vis-timeline draws a change made outside drawInOnePass as before, in the next frame', async () => {
  const { host, items, timeline, redraws } = await drawnTimeline()
  drawInOnePass(timeline, [], () => items.remove(['e1']))
  redraws.count = 0
  items.update({ ...event('e2', 'g0', 6), content: 'Changed later' })
  await expect.poll(() => titles(host)).toContain('Changed later')
  // vis-timeline redraws everything after it, as it asked.
  await expect.poll(() => redraws.count).toBeGreaterThanOrEqual(1)
})

test('a window moved waits to be drawn while its events are coming, then is drawn with them, once', async () => {
  const { host, items, timeline, redraws } = await drawnTimeline()
  let coming = true
  const owed = deferRedraws(timeline, () => coming)
  const axisBefore = axisText(host)
  redraws.count = 0
  timeline.setWindow(START + 20 * DAY, START + 30 * DAY, { animation: false })
  expect(owed.due).toBe(true)
  for (let i = 0; i < 3; i++) await frame()
  expect(redraws.count, 'waits while the events are coming').toBe(0)
  expect(axisText(host)).toBe(axisBefore)
  coming = false
  const added = event('e20', 'g0', 25)
  drawInOnePass(timeline, [added], () => items.update(added))
  expect(redraws.count, 'the new window drawn with the events, at once').toBe(1)
  expect(owed.due).toBe(false)
  expect(axisText(host)).not.toBe(axisBefore)
  expect(titles(host)).toContain('Event e20')
  for (let i = 0; i < 3; i++) await frame()
  expect(redraws.count, 'and only once').toBe(1)
})

test('a window moved with no events coming is drawn in the next frame, as vis-timeline does', async () => {
  const { host, timeline, redraws } = await drawnTimeline()
  const owed = deferRedraws(timeline, () => false)
  const axisBefore = axisText(host)
  redraws.count = 0
  timeline.setWindow(START + 20 * DAY, START + 30 * DAY, { animation: false })
  await frame()
  await frame()
  expect(redraws.count).toBe(1)
  expect(owed.due).toBe(false)
  expect(axisText(host)).not.toBe(axisBefore)
})

/** The date axis's labels, which vis-timeline writes on each whole redraw. */
function axisText(host: HTMLElement): string {
  return [...host.querySelectorAll('.vis-time-axis .vis-text')].map((el) => el.textContent).join(' ')
}
