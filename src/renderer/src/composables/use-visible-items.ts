import { storeToRefs } from 'pinia'
import { computed } from 'vue'
import { filterItems } from '@shared/view/filter'
import { useDocumentStore } from '../stores/document'
import { useViewStore } from '../stores/view'

/**
 * The open document's events through the current filter (`visibleItems`, what the timeline
 * shows) and through the filter and the search together (`matchingItems`, what the list and the
 * PDF show). One definition, so every view agrees.
 */
export function useVisibleItems() {
  const { document } = storeToRefs(useDocumentStore())
  const { filter, effectiveFilter } = storeToRefs(useViewStore())
  const visibleItems = computed(() => (document.value ? filterItems(document.value, filter.value) : []))
  const matchingItems = computed(() => (document.value ? filterItems(document.value, effectiveFilter.value) : []))
  return { visibleItems, matchingItems }
}
