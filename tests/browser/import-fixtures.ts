/**
 * What the import tests share: a fake bridge (put on window before the stores load), the bundled
 * dataset as "my" document, colleague files built from it, and the wizard mounted with real stores.
 */
import { createPinia, setActivePinia } from 'pinia'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import type { ErrorPayload } from '@shared/errors'
import type { ChronotesBridge, ImportedFile, OpenedDocument } from '@shared/ipc'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'

declare global {
  interface Window {
    __pwned?: unknown
  }
}

/** What the fake bridge was asked, and what it answers next. */
export const bridge = {
  nextImport: null as ImportedFile | null,
  /** When set, "Choose a file…" fails with this (main refusing a file). */
  importError: null as ErrorPayload | null,
  nextExportPath: '/home/analyst/Exports/out' as string | null,
  saved: [] as { name: string; text: string }[],
  created: [] as TimelineDocument[],
  opened: [] as string[]
}

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })

/** Installs the fake bridge; call before the first dynamic import of a store or component. */
export function installBridge(): void {
  window.chronotes = {
    on: () => () => undefined,
    app: { openExternal: () => ok(undefined), flushed: () => ok(undefined) },
    documents: {
      save: () => ok({ revision: 'r2', savedAt: new Date().toISOString() }),
      saveChanges: () => ok({ revision: 'r2', savedAt: new Date().toISOString() }),
      createFrom: (document: TimelineDocument) => {
        bridge.created.push(document)
        const opened: OpenedDocument = { name: 'colleague.chronotes.json', document, revision: 'r-new' }
        return ok(opened)
      }
    },
    library: { list: () => ok([]) },
    settings: { get: () => ok({ authorName: 'Analyst', authorConfirmed: true, libraryPath: '/tmp' }) },
    files: {
      openForImport: () =>
        bridge.importError ? Promise.resolve({ ok: false, error: bridge.importError }) : ok(bridge.nextImport),
      saveExport: (name: string, text: string) => {
        bridge.saved.push({ name, text })
        return ok(bridge.nextExportPath === null ? null : `${bridge.nextExportPath}/${name}`)
      },
      openPath: (path: string) => {
        bridge.opened.push(path)
        return ok(undefined)
      }
    }
  } as unknown as ChronotesBridge
}

export function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  return result.document
}

export function byTitle(doc: TimelineDocument, prefix: string): TimelineItem {
  const found = doc.items.find((item) => item.title.startsWith(prefix))
  if (!found) throw new Error(`no event titled "${prefix}…"`)
  return found
}

/** A file as a drop or "Choose a file…" gives it: the bytes of `text` (UTF-8). */
export function fileOf(text: string, name: string): File {
  return new File([text], name)
}

export function base64Of(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Mounts `component` with fresh stores, the dataset open as "my" timeline (unless `open` is false). */
export async function mountWith(component: object, options: { open?: boolean; document?: TimelineDocument } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const { useDocumentStore } = await import('@renderer/stores/document')
  const documents = useDocumentStore()
  if (options.open !== false)
    documents.load({ name: 'mine.chronotes.json', document: options.document ?? loadDataset(), revision: 'r' })
  const screen = await render(component, { global: { plugins: [pinia] } })
  return { screen, documents, pinia }
}
