import { computed, ref } from 'vue'
import { parsePeriod, precisionOf } from '@shared/model/dates'
import type { ReportOptions } from '@shared/report/options'
import { describeFilter, filterItems, isFilterActive } from '@shared/view/filter'
import { useDocumentStore } from '../../stores/document'
import { useDocumentIndexStore } from '../../stores/document-index'
import { useViewStore } from '../../stores/view'

export type EventChoice = 'all' | 'filter' | 'items' | 'dates'

export const DATE_FORMS = 'a year (2022), a month (2022-02) or a day (2022-02-24)'

/**
 * Which events the PDF holds: all, those through the current filter and search, the selection, or
 * a date range; how many each choice takes, and the choice as the export options say it.
 */
export function useEventChoice() {
  const documents = useDocumentStore()
  const view = useViewStore()
  const which = ref<EventChoice>('all')
  const from = ref('')
  const to = ref('')

  const filterActive = computed(() => isFilterActive(view.effectiveFilter))
  const indexes = useDocumentIndexStore()
  const selectedIds = computed(() => view.selectedIds.filter((id) => indexes.itemById(id)))
  const dateError = computed(() => {
    const [start, end] = [from.value.trim(), to.value.trim()]
    if (start && !precisionOf(start)) return `“${start}” is not a date: write ${DATE_FORMS}.`
    if (end && !precisionOf(end)) return `“${end}” is not a date: write ${DATE_FORMS}.`
    if (!start && !end) return 'Give a start, an end, or both.'
    if (start && end && parsePeriod(start)!.start >= parsePeriod(end)!.end) return 'The start is after the end.'
    return ''
  })
  const counts = computed<Record<EventChoice, number>>(() => {
    const document = documents.document
    const range = { from: from.value.trim(), to: to.value.trim() }
    return {
      all: document?.items.length ?? 0,
      filter: view.matchCount,
      items: selectedIds.value.length,
      dates: document && !dateError.value ? filterItems(document, range).length : 0
    }
  })
  const filterSummary = computed(() =>
    documents.document ? describeFilter(documents.document, view.effectiveFilter, view.matchCount) : ''
  )
  /** Why the choice cannot be exported, or ''. */
  const problem = computed(() => {
    if (which.value === 'dates' && dateError.value) return dateError.value
    return counts.value[which.value] === 0 ? 'No events are chosen.' : ''
  })

  /** Starts from what the user is looking at: the filter if they narrowed the view, else everything. */
  function reset(): void {
    which.value = filterActive.value ? 'filter' : 'all'
    from.value = view.filter.from ?? ''
    to.value = view.filter.to ?? ''
  }

  /** The choice as plain data: it travels to main by value. */
  function selection(): ReportOptions['selection'] {
    switch (which.value) {
      case 'filter':
        return { kind: 'filter', filter: JSON.parse(JSON.stringify(view.effectiveFilter)) }
      case 'items':
        return { kind: 'items', ids: [...selectedIds.value] }
      case 'dates':
        return { kind: 'dates', from: from.value.trim(), to: to.value.trim() }
      default:
        return { kind: 'all' }
    }
  }

  return { which, from, to, filterActive, dateError, counts, filterSummary, problem, reset, selection }
}
