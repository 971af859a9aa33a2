import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ChronotesEvents } from '@shared/ipc'
import type { ExportedReport, ReportOptions } from '@shared/report/options'
import { api, ChronotesError, onEvent } from '../api'
import { useDocumentStore } from './document'

export type ExportPhase = 'idle' | 'exporting' | 'done'
export type ExportProgress = ChronotesEvents['reports:progress']

/** What the export dialog remembers between exports: the paper and what to include. */
export interface ExportPreferences {
  includeNotes: boolean
  includeSources: boolean
  pageSize: ReportOptions['pageSize']
  landscape: boolean
}

/** Letter where it is the usual paper (the US, Canada, Mexico, the Philippines), A4 elsewhere. */
export function defaultPageSize(language = globalThis.navigator?.language ?? ''): ReportOptions['pageSize'] {
  return /-(US|CA|MX|PH)$/i.test(language) ? 'Letter' : 'A4'
}

/**
 * The PDF export: main asks where to save, prints the open document as it is now (saved or not),
 * and writes it; this store follows its progress, lets the user cancel, and opens the result.
 */
export const useReportsStore = defineStore('reports', () => {
  const documents = useDocumentStore()
  const phase = ref<ExportPhase>('idle')
  const progress = shallowRef<ExportProgress | null>(null)
  const result = shallowRef<ExportedReport | null>(null)
  /** Why the last export failed, in the service's words. */
  const error = ref('')
  /** Something to say that is not a failure ("cancelled"). */
  const notice = ref('')
  const preferences = ref<ExportPreferences>({
    includeNotes: true,
    includeSources: true,
    pageSize: defaultPageSize(),
    landscape: false
  })

  // Listened to for the store's life: subscribing at each export could miss its first stage.
  onEvent('reports:progress', (payload) => {
    if (phase.value === 'exporting') progress.value = payload
  })

  /** Exports the open document; resolves when it is written, cancelled, or failed (see phase/error). */
  async function exportPdf(options: ReportOptions): Promise<void> {
    const document = documents.document
    if (!document || phase.value === 'exporting') return
    preferences.value = {
      includeNotes: options.includeNotes,
      includeSources: options.includeSources,
      pageSize: options.pageSize,
      landscape: options.landscape
    }
    phase.value = 'exporting'
    progress.value = null
    result.value = null
    error.value = notice.value = ''
    try {
      const exported = await api.reports.exportPdf(document, options)
      result.value = exported
      phase.value = exported ? 'done' : 'idle'
    } catch (caught) {
      phase.value = 'idle'
      if (caught instanceof ChronotesError && caught.code === 'CANCELLED')
        notice.value = 'The export was cancelled; nothing was written.'
      else error.value = caught instanceof Error ? caught.message : String(caught)
    } finally {
      progress.value = null
    }
  }

  async function cancel(): Promise<void> {
    if (phase.value === 'exporting') await api.reports.cancel()
  }

  /** Opens the exported PDF with the system's viewer. */
  async function openResult(): Promise<void> {
    if (!result.value) return
    try {
      await api.files.openPath(result.value.path)
    } catch (caught) {
      error.value = `The PDF could not be opened: ${caught instanceof Error ? caught.message : String(caught)}`
    }
  }

  /** Back to the form, for another export. */
  function reset(): void {
    if (phase.value === 'exporting') return
    phase.value = 'idle'
    result.value = null
    error.value = notice.value = ''
  }

  return { phase, progress, result, error, notice, preferences, exportPdf, cancel, openResult, reset }
})
