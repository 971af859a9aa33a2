import type { ChronotesBridge, Envelope } from '../../../src/shared/ipc'

const ok = <T>(value: T): Promise<Envelope<T>> => Promise.resolve({ ok: true, value })

/**
 * The document and editor stores over a transport that saves nowhere. The renderer's api reads
 * window.chronotes when it loads, so the stores are imported only after it is in place.
 */
export async function loadOfflineStores() {
  const settings = { authorName: 'Tester', authorConfirmed: true, libraryPath: '/nowhere' }
  const bridge = {
    documents: {
      save: () => ok({ revision: 'r', savedAt: new Date().toISOString() }),
      saveChanges: () => ok({ revision: 'r', savedAt: new Date().toISOString() })
    },
    settings: { get: () => ok(settings), update: () => ok(settings) },
    on: () => () => {}
  } as unknown as ChronotesBridge
  Object.assign(globalThis, { window: { chronotes: bridge } })
  const { useDocumentStore } = await import('../../../src/renderer/src/stores/document')
  const { useEditorStore } = await import('../../../src/renderer/src/stores/editor')
  return { useDocumentStore, useEditorStore }
}
