import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ItemFilter, TimeWindow } from '@shared/view/timeline-items'

/** What the user is looking at: the selected event, the filter and the visible time window. */
export const useViewStore = defineStore('view', () => {
  const selectedId = ref<string | null>(null)
  const filter = shallowRef<ItemFilter>({})
  const window = shallowRef<TimeWindow | undefined>(undefined)

  function select(id: string | null): void {
    selectedId.value = id
  }

  return { selectedId, filter, window, select }
})
