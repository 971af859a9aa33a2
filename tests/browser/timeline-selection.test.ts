/**
 * Issue 10: at 100,000 events a click selected an event and the selection was undone a moment later.
 * The app's answer to the selection (the details panel, then O(n) work) ran inside the release's
 * dispatch, between the listeners of vis-timeline's several hammer.js managers; the next one saw
 * the pointer held past a quarter of a second, called it a "press", and vis-timeline toggled the
 * event off as for ctrl-click. Here the answer is made slow on purpose (longer than hammer.js's
 * 251 ms press, by the clock, not a race) and the click must still select, once.
 */
import { afterEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { readDocument } from '@shared/model/document'
import { documentExtent, selectTimelineItems } from '@shared/view/timeline-items'
import TimelineView from '@renderer/components/timeline/TimelineView.vue'

/** Longer than hammer.js's press (251 ms): what a busy renderer did after a click at 100,000 events. */
const SLOW_ANSWER_MS = 400

const hosts: HTMLElement[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.remove()))

function busyFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // The main thread is held, as a long task holds it.
  }
}

test('a click keeps its selection when answering it takes longer than a long press', async () => {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error('the bundled dataset does not validate')
  const doc = result.document
  const host = document.createElement('div')
  host.style.cssText = 'position: relative; width: 1300px; height: 1800px;'
  document.body.appendChild(host)
  hosts.push(host)
  const selections: string[][] = []
  const view = await render(TimelineView, {
    container: host,
    props: {
      document: doc,
      items: selectTimelineItems(doc, {}),
      groups: doc.groups,
      selectedIds: [],
      extent: documentExtent(doc),
      onSelect: (ids: string[]) => {
        selections.push(ids)
        busyFor(SLOW_ANSWER_MS)
      }
    }
  })

  // An event whose title nothing covers.
  const titles = () => [...host.querySelectorAll<HTMLElement>('.vis-foreground .vis-item .item-title')]
  await expect.poll(() => titles().length).toBe(doc.items.length)
  const title = titles().find((el) => {
    const box = el.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    return hit !== null && el.contains(hit)
  })!
  expect(title).toBeDefined()
  const item = title.closest<HTMLElement>('.vis-item')!
  const id = doc.items.find((event) => event.title === title.textContent)!.id

  await userEvent.click(title)
  await expect.poll(() => selections).toEqual([[id]])
  expect(view.emitted('activate')).toEqual([[id]])
  // After the slow answer the event is still selected, and a later click elsewhere is the next
  // thing the timeline reports: no deselection came in between.
  expect(item.classList.contains('vis-selected')).toBe(true)
  const center = host.querySelector<HTMLElement>('.vis-panel.vis-center')!.getBoundingClientRect()
  await userEvent.click(host.querySelector('.vis-panel.vis-center')!, {
    position: { x: center.width - 5, y: center.height - 5 }
  })
  await expect.poll(() => selections).toEqual([[id], []])
  expect(item.classList.contains('vis-selected')).toBe(false)
})
