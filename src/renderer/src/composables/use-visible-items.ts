import { storeToRefs } from 'pinia'
import { useViewStore } from '../stores/view'

/**
 * The open document's events through the current filter (`visibleItems`, what the timeline
 * shows) and through the filter and the search together (`matchingItems`, what the list and the
 * PDF show). Computed once in the view store, so every view agrees and none filters again.
 */
export function useVisibleItems() {
  const { visibleItems, matchingItems } = storeToRefs(useViewStore())
  return { visibleItems, matchingItems }
}
