/**
 * Issue 12: an event dated "c. 2016" (EDTF 2016~) reads "c. 2016" wherever its date shows: the
 * details panel, the list (with the doubt said in words on hover), and the timeline, which marks
 * the doubt in the drawing and in the tooltip. Real Chromium, real stores and components.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, expect, test } from 'vitest'
import { render } from 'vitest-browser-vue'
import { computed, defineComponent, h } from 'vue'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'
import { toViewItem, itemPeriod } from '@shared/view/timeline-items'
import { installFakeBridge, loadDataset } from './fake-bridge'

installFakeBridge()
const { default: EventList } = await import('@renderer/components/list/EventList.vue')
const { default: EventDetails } = await import('@renderer/components/details/EventDetails.vue')
const { toVisItem } = await import('@renderer/components/timeline/vis-items')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')

const TITLE = 'Ukraine loses its Kursk foothold'

/** The dataset with one event made "c. 2016", as the source put it. */
function circaDocument(): { doc: TimelineDocument; id: string } {
  const doc = loadDataset()
  const item = doc.items.find((i) => i.title.startsWith(TITLE))!
  item.start = '2016~'
  item.displayDate = 'about 2016, per a former official'
  return { doc, id: item.id }
}

const hosts: { host: HTMLElement; unmount: () => void }[] = []
afterEach(() => {
  for (const { host, unmount } of hosts.splice(0)) {
    unmount()
    host.remove()
  }
})

async function mount(
  component: ReturnType<typeof defineComponent> | typeof EventList,
  doc: TimelineDocument,
  id: string
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useDocumentStore().load({ name: 'x.chronotes.json', document: doc, revision: 'r' })
  useViewStore().select(id, { open: true })
  const host = document.createElement('div')
  host.style.cssText = 'position: absolute; left: 0; top: 0; width: 1140px; height: 600px;'
  document.body.appendChild(host)
  const screen = await render(component, { container: host, global: { plugins: [pinia] } })
  hosts.push({ host, unmount: () => screen.unmount() })
  return host
}

test('the details panel says "c. 2016", that it is approximate, and what the source said', async () => {
  const { doc, id } = circaDocument()
  const Host = defineComponent(() => {
    const documents = useDocumentStore()
    const item = computed(() => documents.document!.items.find((i) => i.id === id)!)
    return () => h(EventDetails, { item: item.value, group: documents.document!.groups[0] })
  })
  const host = await mount(Host, doc, id)
  await expect
    .poll(() => host.querySelector('.event-date')?.textContent?.trim())
    .toBe('c. 2016 (approximate, year precision)')
  expect(host.querySelector<HTMLInputElement>('.start-input')!.value).toBe('2016~')
  expect(host.querySelector('.date-preview')!.textContent!.trim()).toBe('c. 2016')
  expect(host.querySelector<HTMLInputElement>('.shown-input')!.value).toBe('about 2016, per a former official')
})

test('the list reads "c. 2016" and says the doubt in words on hover', async () => {
  const { doc, id } = circaDocument()
  const host = await mount(EventList, doc, id)
  const row = () => host.querySelector<HTMLElement>(`[role='row'][data-id='${id}']`)
  await expect.poll(() => row()).not.toBeNull()
  const cell = row()!.querySelector<HTMLElement>('.col-date')!
  expect(cell.textContent!.trim()).toBe('c. 2016')
  expect(cell.title).toBe('c. 2016 — approximate, year precision; as given: about 2016, per a former official')
})

test('the timeline draws the doubt: "c." in the title, a class for the faded range ends, and words in the tooltip', () => {
  const { doc, id } = circaDocument()
  const item = doc.items.find((i) => i.id === id)!
  const vis = toVisItem(toViewItem(item, itemPeriod(item)!), '#0072b2', item)
  expect(vis.className.split(' ')).toEqual(expect.arrayContaining(['doubt', 'doubt-approximate', 'approximate']))
  expect(vis.content).toContain('<span class="date-doubt" aria-hidden="true">c.</span> ')
  expect(vis.content).toContain('c. 2016 (approximate date) (as given: about 2016, per a former official)')
  const known = doc.items.find((i) => i.start === '2014-03-18')!
  expect(toVisItem(toViewItem(known, itemPeriod(known)!), '#0072b2', known).className).not.toContain('doubt')
})

test('an edited event’s tooltip says what the event says now (events are replaced, not changed)', () => {
  const { doc, id } = circaDocument()
  const item = doc.items.find((i) => i.id === id)!
  const drawn = (event: TimelineItem) => toVisItem(toViewItem(event, itemPeriod(event)!), '#0072b2', event).content
  expect(drawn(item)).toContain(`title="${TITLE}`)
  const { displayDate: _given, ...rest } = item
  const edited: TimelineItem = { ...rest, title: 'Renamed', start: '2017' }
  expect(drawn(edited)).toContain('title="Renamed\n2017 · ')
  expect(drawn(edited)).not.toContain('as given')
  expect(drawn(item)).toContain('c. 2016 (approximate date) (as given: about 2016, per a former official)')
})
