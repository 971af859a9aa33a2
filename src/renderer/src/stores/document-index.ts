import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef, watch } from 'vue'
import type { TimelineItem } from '@shared/model/schema'
import { DateOrder } from '@shared/view/date-order'
import { SearchIndex, type SearchAnswer } from '@shared/view/search-index'
import { TimelineModel } from '@shared/view/timeline-model'
import { buildSearchOffThread } from '../workers/build-search'
import { nextBackgroundSlice } from '../workers/background-slices'
import { useDocumentStore } from './document'

/** From this many events on, a document's search index is built in the search worker. */
const OFF_THREAD_FROM = 2_000

/**
 * The open document's indexes: the timeline model (events by key, their periods, a time index)
 * and the search index, kept in step with each edit by identity. The model follows the document
 * synchronously (an edit costs what it touched); the search index catches up (in the search worker
 * for a whole document, in short slices for edits), and until it has, searches read the events' text.
 */
export const useDocumentIndexStore = defineStore('document-index', () => {
  const documents = useDocumentStore()
  let model = markRaw(new TimelineModel())
  let search = newSearch(model)
  let dates = newDates(model)
  /** Bumped whenever the model changed: computed views depend on it instead of on the model. */
  const version = ref(0)
  /** Bumped when the search index has caught up with the document. */
  const searchVersion = ref(0)
  /**
   * Whether the search worker is building the index of a large document just opened: searches
   * wait for it (a few seconds at 100,000 events) rather than read every event per keystroke.
   */
  const indexing = ref(false)
  const current = shallowRef({ model, search, dates })
  let documentId: string | null = null
  let pumping = false
  /** Ends the search worker's build for a document no longer open. */
  let building = new AbortController()

  function newSearch(of: TimelineModel): SearchIndex {
    return markRaw(
      new SearchIndex(
        (key) => of.item(key),
        (id) => of.keyOf(id)
      )
    )
  }

  function newDates(of: TimelineModel): DateOrder {
    return markRaw(
      new DateOrder(
        (key) => of.item(key),
        (key) => of.startOf(key)
      )
    )
  }

  function replaceModel(next: TimelineModel): void {
    building.abort()
    building = new AbortController()
    indexing.value = false
    model = markRaw(next)
    search = newSearch(model)
    dates = newDates(model)
    current.value = { model, search, dates }
  }

  // The outline of a large timeline being opened is drawn (a model of its own), not searched; the
  // document, once here, gets a model of its own.
  watch(
    () => documents.preview,
    (outline) => {
      if (!outline) return
      documentId = null
      replaceModel(TimelineModel.ofOutline(outline))
      version.value++
    },
    { flush: 'sync' }
  )

  watch(
    () => documents.document,
    (doc) => {
      if (!doc) return
      // A model built while the document opened (document store) holds all of it already.
      const built = documents.takeBuiltModel(doc)
      if (built || doc.id !== documentId) {
        documentId = doc.id
        replaceModel(built ?? new TimelineModel())
      }
      // A built model is already up to date with `doc`: every one of its events is new here.
      const touched = built ? Array.from({ length: built.keyCount }, (_, key) => key) : model.update(doc)
      search.enqueue(touched)
      dates.update(touched)
      version.value++
      pump()
    },
    { immediate: true, flush: 'sync' }
  )

  /**
   * Brings the search index up to the document: a whole document is built in the search worker
   * (the page only reads each event's text, in slices); edits, and pages without workers, are
   * indexed here in slices.
   */
  function pump(): void {
    if (pumping) return
    pumping = true
    const index = search
    const stale = () => index !== search
    const done = () => {
      pumping = false
      if (stale()) return pump()
      // The results' date order, sorted once here (tens of ms at 100,000 events) rather than on a keystroke.
      dates.keys()
      searchVersion.value++
      performance.mark('chronotes:search-ready')
    }
    const slices = () =>
      nextBackgroundSlice((stop) => {
        if (stale()) return done()
        if (!index.indexSome(stop) || !index.prepareSome(stop)) return slices()
        done()
      })
    if (!index.empty || index.pendingCount < OFF_THREAD_FROM) return slices()
    const keys = index.takeQueue()
    indexing.value = true
    const { model: of, dates: order } = current.value
    void buildSearchOffThread(
      keys.length,
      (at) => of.item(keys[at]!),
      (at) => of.startOf(keys[at]!),
      building.signal
    ).then((built) => {
      if (!stale()) indexing.value = false
      if (built) {
        // Events edited while the worker built are still queued: indexed and placed again here.
        order.adopt(
          Array.from(built.byDate, (at) => keys[at]!),
          index.queuedKeys()
        )
        index.adopt(keys, built)
        // Searches are answered from here on; what makes later answers quicker follows in slices.
        searchVersion.value++
      } else index.abandon(keys)
      slices()
    })
  }

  /** What the search index says about `text`, or null while it is catching up (then scan). */
  function textMatcher(text: string | undefined): SearchAnswer | null {
    void searchVersion.value // recompute when the index catches up
    void version.value // and after every edit (the index takes a few edited events on the spot)
    return text?.trim() ? search.search(text) : null
  }

  /** Up to `limit` events that `accept` takes (by key), earliest first: a results page, not a sort of every match. */
  function firstByDate(limit: number, accept: (key: number) => boolean): TimelineItem[] {
    void version.value
    return dates.first(limit, accept).map((key) => model.item(key)!)
  }

  /** Every event's key in date order (DateOrder's), kept per edit. */
  function keysByDate(): readonly number[] {
    void version.value
    return dates.keys()
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

  return { version, searchVersion, indexing, current, textMatcher, firstByDate, keysByDate, itemById, tallies }
})
