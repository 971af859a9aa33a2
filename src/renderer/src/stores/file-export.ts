import { defineStore } from 'pinia'
import { ref } from 'vue'
import { exportDocument } from '@shared/codecs'
import type { FormatId } from '@shared/codecs/types'
import { api } from '../api'
import { useDocumentStore } from './document'
import { messageOf } from './import'

/** What an export wrote, for the dialog's success message. */
export interface ExportedFile {
  path: string
  events: number
}

/** A file name from a title: the characters no file system takes become dashes. */
export function exportFileName(title: string, extension: string): string {
  const base = title
    .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/^[.\s-]+/, '')
    .trim()
    .slice(0, 120)
  return `${base || 'timeline'}${extension}`
}

/**
 * Interchange export: the open document (all of it, the filtered events or the selection) written
 * by a shared codec, saved where the user chooses: the other half of exchanging files with
 * colleagues (the import is stores/import.ts).
 */
export const useExportStore = defineStore('file-export', () => {
  const documents = useDocumentStore()
  const busy = ref(false)
  const error = ref('')
  const saved = ref<ExportedFile | null>(null)

  function reset(): void {
    busy.value = false
    error.value = ''
    saved.value = null
  }

  /** Writes the events (all when `itemIds` is undefined) in `format`; null if the user cancelled. */
  async function save(format: FormatId, itemIds?: string[]): Promise<ExportedFile | null> {
    const doc = documents.document
    if (!doc) return null
    error.value = ''
    saved.value = null
    busy.value = true
    try {
      const file = exportDocument(doc, format, itemIds ? { itemIds } : {})
      const path = await api.files.saveExport(exportFileName(doc.title, file.extension), file.text)
      if (!path) return null
      saved.value = { path, events: itemIds?.length ?? doc.items.length }
      return saved.value
    } catch (caught) {
      error.value = messageOf(caught)
      return null
    } finally {
      busy.value = false
    }
  }

  /** Opens what was just written with the system's program for it. */
  async function openSaved(): Promise<void> {
    if (!saved.value) return
    try {
      await api.files.openPath(saved.value.path)
    } catch (caught) {
      error.value = messageOf(caught)
    }
  }

  return { busy, error, saved, reset, save, openSaved }
})
