import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { TimelineItem } from '@shared/model/schema'
import { compareByDate, compileFilter, filterItems, isFilterActive, type ItemFilter } from '@shared/view/filter'
import { KeySet } from '@shared/view/key-set'
import type { TimeWindow } from '@shared/view/timeline-items'
import { useDocumentStore } from './document'
import { useDocumentIndexStore } from './document-index'

export type MainView = 'timeline' | 'list' | 'notes'

/**
 * What the user is looking at: the selected events, the search, the filter, the visible time
 * window and which view is in front. Views read it; nothing here touches the document.
 */
export const useViewStore = defineStore('view', () => {
  /** Selected event ids; the last is the one the details panel shows. */
  const selectedIds = ref<string[]>([])
  /** Whether the details panel is open for the selection. */
  const detailsOpen = ref(false)
  /** Words to find: matches are highlighted on the timeline and listed beside it. */
  const query = ref('')
  /** What hides events everywhere: timeline, list, notes and the PDF. */
  const filter = shallowRef<ItemFilter>({})
  const window = shallowRef<TimeWindow | undefined>(undefined)
  const mainView = ref<MainView>('timeline')
  /** Asks the timeline to bring an event into view (set with a new object each time). */
  const revealRequest = shallowRef<{ id: string } | null>(null)
  /** Asks the details panel to focus a field of the open event: its title, or a new note. */
  const focusRequest = shallowRef<{ field: 'title' | 'note' } | null>(null)

  const selectedId = computed(() => selectedIds.value.at(-1) ?? null)
  /** The filter and the search together: what the list view and the PDF show. */
  const effectiveFilter = computed<ItemFilter>(() =>
    query.value.trim() ? { ...filter.value, text: query.value } : filter.value
  )
  // Computed once here for every view that shows them: filtering 100,000 events is not free.
  // Words are looked up in the search index (stores/document-index.ts), not read event by event.
  const documents = useDocumentStore()
  const indexes = useDocumentIndexStore()
  /**
   * The open document's events through the filter, in the document's order: for the views that
   * list them (notes, the list without a search). The timeline, counts and "fit all" read
   * `visibleKeys` instead, so that a filter toggle on the timeline makes no such list.
   */
  const visibleItems = computed(() =>
    documents.document
      ? filterItems(documents.document, filter.value, indexes.textMatcher(filter.value.text)?.matches)
      : []
  )
  /**
   * The keys of the events through the filter; null when no filter is on (every event passes).
   * No list of events made, no lookup by id: what a filter toggle costs the timeline, which
   * draws from these keys.
   */
  const visibleKeys = computed(() => {
    if (!isFilterActive(filter.value)) return null
    const { model } = indexes.current
    if (!documents.document) return new KeySet(model.keyCount)
    return model.keysThrough(filter.value, indexes.textMatcher(filter.value.text)?.keys ?? null)
  })
  /** How many events pass the filter. */
  const visibleCount = computed(() => visibleKeys.value?.size ?? documents.document?.items.length ?? 0)
  /** A query waits for the search worker's index of a large document just opened (see `indexing`). */
  const searchPending = computed(() => query.value.trim() !== '' && indexes.indexing)
  /** What the search index says about the query; null without a query or while the index catches up. */
  const searchAnswer = computed(() => (query.value.trim() ? indexes.textMatcher(query.value) : null))
  /**
   * The keys of the events through the filter and the search, from the index: a keystroke costs
   * what it finds (and one step per 32 events to meet the filter), never a pass over every event.
   * Null when the index cannot answer (no query, or still catching up).
   */
  const matchingKeys = computed(() => {
    const answer = searchAnswer.value
    if (!answer) return null
    return visibleKeys.value ? answer.keys.and(visibleKeys.value) : answer.keys
  })
  /**
   * Through the filter and the search: what the list and the PDF show (read only where the
   * whole list is needed; the search results take a page with `firstMatches`).
   */
  const matchingItems = computed((): TimelineItem[] => {
    const doc = documents.document
    if (!doc) return []
    if (!query.value.trim()) return visibleItems.value
    const keys = matchingKeys.value
    if (!keys) return filterItems(doc, effectiveFilter.value)
    const { model } = indexes.current
    return Array.from(keys, (key) => model.item(key)!)
  })
  /** How many events pass the filter and the search. */
  const matchCount = computed(
    () => matchingKeys.value?.size ?? (query.value.trim() ? matchingItems.value.length : visibleCount.value)
  )
  /** How many events match the search but are hidden by the filter. */
  const hiddenMatches = computed(() => {
    if (!query.value.trim() || !isFilterActive(filter.value) || !documents.document) return 0
    const all = searchAnswer.value?.count ?? filterItems(documents.document, { text: query.value }).length
    return all - matchCount.value
  })

  /**
   * Every event through the filter and the search in date order, from the kept date order: a
   * walk with a membership test per event instead of a sort of every match per keystroke.
   * Descending keeps events of the same start in their ascending order (as a stable sort would).
   */
  function matchingByDate(descending = false): TimelineItem[] {
    if (!documents.document) return []
    const { model } = indexes.current
    const keys = matchingKeys.value ?? (query.value.trim() ? null : visibleKeys.value)
    // Without keys (no filter, or the index still catching up): the filter itself decides.
    const test = compileFilter(effectiveFilter.value)
    const pass = keys ? (key: number) => keys.has(key) : (key: number) => test(model.item(key)!)
    const ordered = indexes.keysByDate().filter(pass)
    if (descending) {
      const runs: number[][] = []
      for (const key of ordered) {
        const run = runs.at(-1)
        if (run && Object.is(model.startOf(run[0]!), model.startOf(key))) run.push(key)
        else runs.push([key])
      }
      ordered.splice(0, ordered.length, ...runs.reverse().flat())
    }
    return ordered.map((key) => model.item(key)!)
  }

  /**
   * The first `limit` events through the filter and the search in date order: DateOrder's from
   * the index; compareByDate's (nearly the same) in the moments before the index is ready.
   */
  function firstMatches(limit: number): TimelineItem[] {
    const keys = matchingKeys.value
    if (keys) return indexes.firstByDate(limit, (key) => keys.has(key))
    // Until the index has caught up: the first `limit` by one pass, not a sort of every match.
    return firstInOrder(matchingItems.value, limit, compareByDate)
  }

  /** Selects one event (or none); with `extend`, adds it to the selection or takes it out. */
  function select(id: string | null, options: { extend?: boolean; open?: boolean } = {}): void {
    if (id === null) selectedIds.value = []
    else if (options.extend)
      selectedIds.value = selectedIds.value.includes(id)
        ? selectedIds.value.filter((other) => other !== id)
        : [...selectedIds.value, id]
    else selectedIds.value = [id]
    if (options.open !== undefined) detailsOpen.value = options.open && selectedIds.value.length > 0
    if (!selectedIds.value.length) detailsOpen.value = false
  }

  function setSelection(ids: string[]): void {
    selectedIds.value = ids
    if (!ids.length) detailsOpen.value = false
  }

  function reveal(id: string): void {
    revealRequest.value = { id }
  }

  function focusField(field: 'title' | 'note'): void {
    detailsOpen.value = selectedIds.value.length > 0
    focusRequest.value = { field }
  }

  function setFilter(next: ItemFilter): void {
    filter.value = next
  }

  function clearFilter(): void {
    filter.value = {}
    query.value = ''
  }

  return {
    selectedIds,
    selectedId,
    detailsOpen,
    query,
    filter,
    effectiveFilter,
    visibleItems,
    visibleKeys,
    visibleCount,
    matchingItems,
    matchCount,
    hiddenMatches,
    searchPending,
    firstMatches,
    matchingByDate,
    window,
    mainView,
    revealRequest,
    focusRequest,
    select,
    setSelection,
    reveal,
    focusField,
    setFilter,
    clearFilter
  }
})

/** The first `limit` of `items` in `compare`'s order (stable), in one pass keeping a short sorted list. */
function firstInOrder<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = []
  for (const item of items) {
    if (kept.length === limit && compare(item, kept[limit - 1]!) >= 0) continue
    let at = kept.length
    while (at > 0 && compare(item, kept[at - 1]!) < 0) at--
    kept.splice(at, 0, item)
    if (kept.length > limit) kept.pop()
  }
  return kept
}
