import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef, watch } from 'vue'
import type { TimelineItem } from '@shared/model/schema'
import type { TextMatcher } from '@shared/view/filter'
import { SearchIndex } from '@shared/view/search-index'
import { TimelineModel } from '@shared/view/timeline-model'
import { useDocumentStore } from './document'

/** How long one slice of search indexing may hold the main thread: well under a frame. */
const SLICE_MS = 8

/**
 * The open document's indexes: the timeline model (events by key, their periods, a time index)
 * and the search index, kept in step with each edit by identity. The model follows the document
 * synchronously (an edit costs what it touched); the search index catches up in short slices, and
 * until it has, searches read the events' text as before.
 */
export const useDocumentIndexStore = defineStore('document-index', () => {
  const documents = useDocumentStore()
  let model = markRaw(new TimelineModel())
  let search = newSearch(model)
  /** Bumped whenever the model changed: computed views depend on it instead of on the model. */
  const version = ref(0)
  /** Bumped when the search index has caught up with the document. */
  const searchVersion = ref(0)
  const current = shallowRef({ model, search })
  let documentId: string | null = null
  let pumping = false

  function newSearch(of: TimelineModel): SearchIndex {
    return markRaw(
      new SearchIndex(
        (key) => of.item(key),
        (id) => of.keyOf(id)
      )
    )
  }

  watch(
    () => documents.document,
    (doc) => {
      if (!doc) return
      if (doc.id !== documentId) {
        documentId = doc.id
        model = markRaw(new TimelineModel())
        search = newSearch(model)
        current.value = { model, search }
      }
      search.enqueue(model.update(doc))
      version.value++
      pump()
    },
    { immediate: true, flush: 'sync' }
  )

  function pump(): void {
    if (pumping) return
    pumping = true
    const step = () => {
      const until = performance.now() + SLICE_MS
      const done = search.indexSome(() => performance.now() > until)
      if (!done) return void setTimeout(step, 0)
      pumping = false
      searchVersion.value++
    }
    setTimeout(step, 0)
  }

  /** What the search index says about `text`, or null while it is catching up (then scan). */
  function textMatcher(
    text: string | undefined
  ): { matchesKey: (key: number) => boolean; matches: TextMatcher } | null {
    void searchVersion.value // recompute when the index catches up
    return text?.trim() ? search.matcher(text) : null
  }

  /** An event by id without a pass over the document; read in a computed, it follows every edit. */
  function itemById(id: string): TimelineItem | undefined {
    void version.value
    return current.value.model.byId(id)
  }

  /** How many events each tag, lane and confidence has (and notes each lane), kept per edit (the timeline model). */
  function tallies(): Pick<TimelineModel, 'tags' | 'lanes' | 'confidences' | 'laneNotes'> {
    void version.value
    return current.value.model
  }

  return { version, searchVersion, current, textMatcher, itemById, tallies }
})
