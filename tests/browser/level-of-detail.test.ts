/**
 * The timeline's level of detail (use-level-of-detail.ts) in a real Chromium, with the real
 * stores: what is drawn is worked out once per frame, at the size the timeline has now.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { render } from 'vitest-browser-vue'
import { computed, defineComponent, h, ref, shallowRef, watch } from 'vue'
import { readDocument } from '@shared/model/document'
import { binWidthFor } from '@shared/view/level-of-detail'
import type { TimeWindow } from '@shared/view/timeline-items'
import { installFakeBridge } from './fake-bridge'
import { largeDatasetText } from './large-dataset'

// The stores reach `window.chronotes` through ../../api, which reads it when first imported.
installFakeBridge()

const { useDocumentStore } = await import('@renderer/stores/document')
const { useLevelOfDetail } = await import('@renderer/components/timeline/use-level-of-detail')
type DrawingSize = import('@renderer/components/timeline/use-level-of-detail').DrawingSize

const frame = () => new Promise(requestAnimationFrame)
const read = readDocument(largeDatasetText())
if (!read.ok) throw new Error('the large dataset does not validate')
const doc = read.document
const WINDOW: TimeWindow = { start: Date.UTC(2014, 0, 1), end: Date.UTC(2024, 0, 1) }

beforeEach(() => {
  setActivePinia(createPinia())
  performance.clearMarks('chronotes:search-ready')
})
afterEach(() => useDocumentStore().close())

/** The composable as TimelinePane uses it, with every input in the test's hands. */
function mountDetail(measured: { size: DrawingSize | null }) {
  useDocumentStore().load({ name: 'lod.chronotes.json', document: doc, revision: 'r0' })
  const inputs = {
    groups: computed(() => doc.groups),
    passing: ref(null),
    query: ref(''),
    selectedIds: ref<string[]>([]),
    window: ref<TimeWindow | undefined>(WINDOW),
    widthPx: ref(1200),
    heightPx: ref(600),
    onScreen: ref(true),
    measure: () => measured.size
  }
  const lod = shallowRef<ReturnType<typeof useLevelOfDetail>>()
  render(
    defineComponent({
      setup() {
        lod.value = useLevelOfDetail(inputs)
        return () => h('div')
      }
    })
  )
  // Each answer worked out is a new object.
  const answers = { count: 0 }
  watch(
    () => lod.value!.detail.value,
    () => answers.count++,
    { flush: 'sync' }
  )
  return { inputs, detail: () => lod.value!.detail.value, answers }
}

// Ctrl+E adds an event, selects it and opens the details panel, which narrows the timeline in the
// same task; its ResizeObserver says so only after the next frame's callbacks. Worked out for the
// width it had, the events were drawn at the new one and then worked out and drawn once more.
test('a change made as the timeline narrows is worked out once, at the new width, in the next frame', async () => {
  const measured: { size: DrawingSize | null } = { size: null }
  const { inputs, detail, answers } = mountDetail(measured)
  // The search index catches up with the document in the background, and is worked out again then:
  // waited for by its mark, not for a number of frames (a slow machine takes longer).
  await expect.poll(() => performance.getEntriesByName('chronotes:search-ready').length).toBe(1)
  await frame()
  expect(detail().binWidth).toBe(binWidthFor(WINDOW, 1200))

  answers.count = 0
  measured.size = { widthPx: 300, heightPx: 500 }
  inputs.selectedIds.value = [doc.items[0]!.id]
  await frame()
  await frame()
  expect(binWidthFor(WINDOW, 300)).not.toBe(binWidthFor(WINDOW, 1200))
  expect(detail().binWidth).toBe(binWidthFor(WINDOW, 300))
  expect([inputs.widthPx.value, inputs.heightPx.value]).toEqual([300, 500])
  // The new size, reported as the ResizeObserver then does, is nothing new to work out.
  inputs.widthPx.value = 300
  inputs.heightPx.value = 500
  for (let i = 0; i < 3; i++) await frame()
  expect(answers.count).toBe(1)
})

test('with no size measured (the timeline hidden), the reported size is used', async () => {
  const { inputs, detail } = mountDetail({ size: null })
  inputs.widthPx.value = 300
  await frame()
  await frame()
  expect(detail().binWidth).toBe(binWidthFor(WINDOW, 300))
})
