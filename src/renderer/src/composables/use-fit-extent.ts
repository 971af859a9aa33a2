import { storeToRefs } from 'pinia'
import { computed, type ComputedRef } from 'vue'
import { parsePeriod } from '@shared/model/dates'
import type { TimeWindow } from '@shared/view/timeline-items'
import { useDocumentIndexStore } from '../stores/document-index'
import { useViewStore } from '../stores/view'

/** The start or end of a date filter bound written at any precision ("2025-03" is all of March). */
function bound(value: string | undefined, side: 'start' | 'end'): number | undefined {
  const period = value ? parsePeriod(value) : null
  return period ? period[side] : undefined
}

/**
 * What "fit all" shows: the events the filter lets through, and within the filter's dates only
 * (a long range that overlaps March 2025 does not pull the view back to 2014). Null when nothing
 * is shown, so that fitting leaves the view where it is.
 */
export function useFitExtent(): ComputedRef<TimeWindow | null> {
  const { visibleKeys, filter } = storeToRefs(useViewStore())
  const indexes = useDocumentIndexStore()
  return computed(() => {
    const keys = visibleKeys.value
    const { model } = indexes.current
    // Unfiltered, the time index knows it without a scan (read after every edit).
    if (!keys) return (indexes.version, model.extent())
    // The periods as the timeline model read them: no date is parsed again here.
    let start = Infinity
    let end = -Infinity
    for (const key of keys) {
      const period = model.period(key)
      if (!period) continue
      start = Math.min(start, period.start)
      end = Math.max(end, period.end)
    }
    if (start > end) return null
    const from = bound(filter.value.from, 'start')
    const to = bound(filter.value.to, 'end')
    return {
      start: from === undefined ? start : Math.max(start, from),
      end: to === undefined ? end : Math.min(end, to)
    }
  })
}
