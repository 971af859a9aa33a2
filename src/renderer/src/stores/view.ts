import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { filterItems, type ItemFilter } from '@shared/view/filter'
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
  /** The open document's events through the filter: what the timeline shows. */
  const visibleItems = computed(() =>
    documents.document
      ? filterItems(documents.document, filter.value, indexes.textMatcher(filter.value.text)?.matches)
      : []
  )
  /** Through the filter and the search: what the list, the search results and the PDF show. */
  const matchingItems = computed(() =>
    documents.document
      ? filterItems(documents.document, effectiveFilter.value, indexes.textMatcher(effectiveFilter.value.text)?.matches)
      : []
  )

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
    matchingItems,
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
