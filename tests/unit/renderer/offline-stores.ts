import { domainHandlers } from '../../../src/main/ipc/handlers'
import type { LibraryService } from '../../../src/main/services/library-service'
import { buildTransport, type ChronotesBridge, type Envelope } from '../../../src/shared/ipc'

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

/**
 * Puts on window.chronotes a transport that answers the contract's documents and library calls
 * from the real library service, as the preload or the loopback bridge do. `before` sees each call
 * first (to count it, or to hold it); `overrides` replace parts of the bridge (settings, events).
 * The renderer's api reads window.chronotes when it loads: import the stores after this.
 */
export function serveLibrary(
  library: LibraryService,
  {
    before,
    ...overrides
  }: { before?: (channel: string, args: unknown[]) => unknown } & Partial<Record<keyof ChronotesBridge, unknown>> = {}
): void {
  const handlers = new Map([
    ...domainHandlers('documents', library),
    ...domainHandlers('library', {
      list: () => library.list(),
      counted: () => library.counted(),
      chooseLocation: async () => null
    })
  ])
  const bridge = {
    ...buildTransport(async (channel, args) => {
      await before?.(channel, args)
      return handlers.get(channel)!(args) as Promise<Envelope<unknown>>
    }),
    on: () => () => {},
    ...overrides
  } as unknown as ChronotesBridge
  Object.assign(globalThis, { window: { chronotes: bridge } })
}
