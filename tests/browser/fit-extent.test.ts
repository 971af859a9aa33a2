/**
 * "Fit all" through a filter shows the events the filter lets through, within the filter's own
 * dates. It is read from the timeline model's periods and the filter's set of passing events
 * (no date parsed again, no list of events made): this pins it to what reading every event says.
 */
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { expect, test } from 'vitest'
import { parsePeriod } from '@shared/model/dates'
import { compileFilter, type ItemFilter } from '@shared/view/filter'
import { itemPeriod } from '@shared/view/timeline-items'
import { installFakeBridge, jeddahDocument } from './filter-fixtures'

installFakeBridge()
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')
const { useViewStore } = await import('@renderer/stores/view')
const { useFitExtent } = await import('@renderer/composables/use-fit-extent')

/** The span of the events `filter` lets through, clipped to its dates, from each event's own dates. */
function expectedExtent(items: ReturnType<typeof jeddahDocument>['items'], filter: ItemFilter) {
  const periods = items.filter(compileFilter(filter)).flatMap((item) => itemPeriod(item) ?? [])
  if (!periods.length) return null
  const from = filter.from ? parsePeriod(filter.from)!.start : -Infinity
  const to = filter.to ? parsePeriod(filter.to)!.end : Infinity
  return {
    start: Math.max(Math.min(...periods.map((p) => p.start)), from),
    end: Math.min(Math.max(...periods.map((p) => p.end)), to)
  }
}

test('fit all through a filter spans what passes it, within its dates, and follows edits', () => {
  setActivePinia(createPinia())
  const documents = useDocumentStore()
  const view = useViewStore()
  const doc = jeddahDocument()
  documents.load({ name: 'dataset.chronotes.json', document: doc, revision: 'r' })
  const extent = effectScope().run(() => useFitExtent())!
  const lane = doc.groups[2]!.id
  const tag = doc.items.find((item) => item.tags.length)!.tags[0]!
  const filters: ItemFilter[] = [
    {},
    { groupIds: [lane] },
    { tags: [tag] },
    { hasNotes: true },
    { confidences: ['reported'] },
    { from: '2022-02', to: '2022' },
    { groupIds: [lane], from: '2023' },
    { text: 'Jeddah' },
    { tags: ['no such tag'] }
  ]
  for (const filter of filters) {
    view.setFilter(filter)
    expect(extent.value, JSON.stringify(filter)).toEqual(expectedExtent(documents.document!.items, filter))
  }
  // An edit that moves an event of the lane to 2031 widens the lane's span at once.
  view.setFilter({ groupIds: [lane] })
  const moved = doc.items.find((item) => item.groupId === lane)!
  useEditorStore().updateItem(moved.id, { start: '2031-05-01', end: undefined })
  expect(extent.value).toEqual(expectedExtent(documents.document!.items, { groupIds: [lane] }))
  expect(extent.value!.end).toBe(parsePeriod('2031-05-01')!.end)
})
