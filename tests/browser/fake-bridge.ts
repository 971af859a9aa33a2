/**
 * What component tests put on `window.chronotes` instead of the preload: it answers like main for
 * what the stores ask (saving, settings, the flush on quit, opening a link) and records it. The
 * renderer's api module reads `window.chronotes` when it is first imported, so a test calls this
 * before its first (dynamic) import of a component or store.
 */
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import type { ChronotesBridge, Settings, SettingsPatch } from '@shared/ipc'
import { readDocument } from '@shared/model/document'
import type { TimelineDocument } from '@shared/model/schema'

export const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })

export interface FakeBridge {
  /** Addresses app.openExternal was asked to open. */
  opened: string[]
  /** How many times the document was saved. */
  saves: number
  settings: Settings
  settingsPatches: SettingsPatch[]
}

export function installFakeBridge(settings: Partial<Settings> = {}): FakeBridge {
  const fake: FakeBridge = {
    opened: [],
    saves: 0,
    settings: { authorName: 'Analyst', authorConfirmed: true, libraryPath: '/nowhere', ...settings },
    settingsPatches: []
  }
  window.chronotes = {
    on: () => () => undefined,
    app: {
      flushed: () => ok(undefined),
      openExternal: (url: string) => (fake.opened.push(url), ok(undefined))
    },
    documents: {
      save: () => ok({ revision: `r${++fake.saves}`, savedAt: new Date().toISOString() }),
      saveChanges: () => ok({ revision: `r${++fake.saves}`, savedAt: new Date().toISOString() })
    },
    settings: {
      get: () => ok(fake.settings),
      update: (patch: SettingsPatch) => {
        fake.settingsPatches.push(patch)
        Object.assign(fake.settings, patch)
        return ok(fake.settings)
      }
    }
  } as unknown as ChronotesBridge
  return fake
}

/** The bundled dataset, read and validated as the app reads it. */
export function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  return result.document
}
