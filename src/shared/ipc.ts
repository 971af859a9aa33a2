/**
 * THE contract between the renderer and main. Every channel string lives here and nowhere else;
 * main validates each argument against these schemas, and the preload and the loopback bridge
 * both build the renderer's `window.chronotes` from this table.
 */
import { z } from 'zod'
import { DocumentChangesSchema, type DocumentChanges } from './document-changes'
import type { ErrorPayload } from './errors'
import { MAX_IMPORT_BYTES } from './codecs/types'
import { DOCUMENT_EXTENSION } from './model/document'
import type { Problem } from './model/problems'
import { CONFIDENCES, DocumentSchema, type TimelineDocument } from './model/schema'
import { ReportOptionsSchema, type ExportedReport, type ReportOptions } from './report/options'

/** A document's file name inside the library: no folders, no hidden files, no control characters. */
export const DocumentNameSchema = z
  .string()
  .max(255)
  .refine(
    (name) =>
      name.endsWith(DOCUMENT_EXTENSION) &&
      name.length > DOCUMENT_EXTENSION.length &&
      !name.startsWith('.') &&
      !/[/\\:*?"<>|\u0000-\u001f]/.test(name),
    { error: `must be a file name ending in ${DOCUMENT_EXTENSION}, without folders` }
  )

const TitleSchema = z.string().trim().min(1, 'must not be empty').max(500)

export const SaveOptionsSchema = z.object({
  /** The revision the renderer last opened or saved; null saves only if the file is new. */
  baseRevision: z.string().max(200).nullable(),
  /** Overwrite even if the file changed on disk since baseRevision (the user chose to). */
  force: z.boolean().optional()
})

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

const IdListSchema = z.array(z.string().max(200)).max(10_000)

/** Where the user left a library's timeline: reopened as it was (one person's, kept in the app's folder). */
export const SessionSchema = z.object({
  name: DocumentNameSchema,
  window: z.object({ start: z.number().finite(), end: z.number().finite() }).optional(),
  selectedIds: IdListSchema.optional(),
  detailsOpen: z.boolean().optional(),
  mainView: z.enum(['timeline', 'list', 'notes']).optional(),
  query: z.string().max(1000).optional(),
  filter: z
    .object({
      groupIds: IdListSchema,
      tags: z.array(z.string().max(200)).max(1000),
      confidences: z.array(z.enum(CONFIDENCES)),
      from: z.string().max(100),
      to: z.string().max(100),
      hasNotes: z.boolean()
    })
    .partial()
    .optional()
})
export type Session = z.infer<typeof SessionSchema>

export const SettingsPatchSchema = z
  .object({
    authorName: z.string().trim().min(1).max(200),
    authorConfirmed: z.boolean(),
    theme: z.enum(THEMES),
    /** The session of the library now open (the service keys it by the library's path). */
    session: SessionSchema
  })
  .partial()
  .strict()

export type SaveOptions = z.infer<typeof SaveOptionsSchema>
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export type LibraryEntry =
  | {
      name: string
      status: 'ok'
      title: string
      updatedAt: string
      /** Null while a large timeline's events are being counted (see `library.counted`). */
      itemCount: number | null
    }
  | { name: string; status: 'unreadable'; reason: string; problems: Problem[] }

export interface OpenedDocument {
  name: string
  document: TimelineDocument
  /** A fingerprint of the bytes on disk; saves must name it so that others' changes are noticed. */
  revision: string
  /** Set when the file was of an older schema version and was migrated in memory. */
  migratedFrom?: number
}

/**
 * How an opened document crosses to the window: its JSON text as UTF-8 bytes, decoded and parsed
 * there. Bytes cross IPC as one copy and main never decodes them; 100,000 events as objects took
 * seconds to clone (see LibraryService.openText).
 */
export type OpenedText = Omit<OpenedDocument, 'document'> & { bytes: Uint8Array }

/** A large timeline's outline as the UTF-8 bytes of its text (see shared/view/outline.ts). */
export interface OutlineText {
  name: string
  bytes: Uint8Array
}

export interface SaveResult {
  revision: string
  savedAt: string
}

export interface BackupInfo {
  id: string
  savedAt: string
  size: number
}

export interface ImportedFile {
  fileName: string
  /** The file's bytes, base64-encoded so that every transport carries them alike. */
  base64: string
}

export interface Settings {
  /** Signs the user's notes; defaults to the system user name. */
  authorName: string
  /** Whether the user has been asked for their name yet (it is asked once, at the first note). */
  authorConfirmed: boolean
  libraryPath: string
  /** Light, dark, or as the system says (the default). */
  theme?: Theme
  /** Where the user left the timeline of this library, if anywhere. */
  session?: Session
}

/** What the renderer can ask for. Every method returns a promise; errors are ChronotesErrors. */
export interface ChronotesApi {
  library: {
    /** At once: a large timeline new to the list comes without its count, which `counted` waits for. */
    list(): Promise<LibraryEntry[]>
    /** Resolves when the events of every timeline listed so far have been counted: list again then. */
    counted(): Promise<void>
    /** Main shows a folder dialog; the chosen folder becomes the library and is remembered. */
    chooseLocation(): Promise<Settings | null>
  }
  documents: {
    create(title: string): Promise<OpenedDocument>
    /** The document's text as UTF-8 bytes; the window parses it (see OpenedText). */
    openText(name: string): Promise<OpenedText>
    /** A large timeline's outline, to draw while openText reads it; null when there is none. */
    outline(name: string): Promise<OutlineText | null>
    save(name: string, document: TimelineDocument, options: SaveOptions): Promise<SaveResult>
    /**
     * Saves what changed since `options.baseRevision` (an autosave: the events touched, not the
     * whole document). CONFLICT if the file on disk is not that revision; never forced.
     */
    saveChanges(name: string, changes: DocumentChanges, options: SaveOptions): Promise<SaveResult>
    rename(name: string, title: string): Promise<OpenedDocument>
    duplicate(name: string): Promise<OpenedDocument>
    trash(name: string): Promise<void>
    backups(name: string): Promise<BackupInfo[]>
    restoreBackup(name: string, backupId: string): Promise<OpenedDocument>
    /** Saves a document (an imported file, say) as a new timeline in the library. */
    createFrom(document: TimelineDocument): Promise<OpenedDocument>
  }
  files: {
    /** Main shows an open dialog and reads the chosen file (MAX_IMPORT_BYTES at most), as base64. */
    openForImport(): Promise<ImportedFile | null>
    /** Main shows a save dialog and writes the text atomically; the path, or null if cancelled. */
    saveExport(suggestedName: string, content: string): Promise<string | null>
    /** Opens a file this app wrote (an exported PDF) with the system's default program. */
    openPath(path: string): Promise<void>
  }
  reports: {
    /** Main asks where to save, prints the report and writes it; null if the user cancelled. */
    exportPdf(document: TimelineDocument, options: ReportOptions): Promise<ExportedReport | null>
    /** Stops the export under way; its exportPdf call then fails with code CANCELLED. */
    cancel(): Promise<void>
  }
  settings: {
    get(): Promise<Settings>
    update(patch: SettingsPatch): Promise<Settings>
  }
  app: {
    /** The renderer has saved what it had after a flush request; main may quit. */
    flushed(): Promise<void>
    /** Opens an http(s) address in the system browser, after main checks it. */
    openExternal(url: string): Promise<void>
  }
}

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never
type Channels<A> = {
  [D in keyof A]: { [M in keyof A[D]]: { channel: string; args: z.ZodType<ArgsOf<A[D][M]>> } }
}

const BackupIdSchema = z
  .string()
  .max(200)
  .regex(/^[\w-]+(\.[\w-]+)*\.json$/, 'is not a backup id')

export const CONTRACT: Channels<ChronotesApi> = {
  library: {
    list: { channel: 'library:list', args: z.tuple([]) },
    counted: { channel: 'library:counted', args: z.tuple([]) },
    chooseLocation: { channel: 'library:choose-location', args: z.tuple([]) }
  },
  documents: {
    create: { channel: 'documents:create', args: z.tuple([TitleSchema]) },
    openText: { channel: 'documents:open', args: z.tuple([DocumentNameSchema]) },
    outline: { channel: 'documents:outline', args: z.tuple([DocumentNameSchema]) },
    save: {
      channel: 'documents:save',
      args: z.tuple([DocumentNameSchema, DocumentSchema, SaveOptionsSchema])
    },
    saveChanges: {
      channel: 'documents:save-changes',
      args: z.tuple([DocumentNameSchema, DocumentChangesSchema, SaveOptionsSchema])
    },
    rename: { channel: 'documents:rename', args: z.tuple([DocumentNameSchema, TitleSchema]) },
    duplicate: { channel: 'documents:duplicate', args: z.tuple([DocumentNameSchema]) },
    trash: { channel: 'documents:trash', args: z.tuple([DocumentNameSchema]) },
    backups: { channel: 'documents:backups', args: z.tuple([DocumentNameSchema]) },
    restoreBackup: {
      channel: 'documents:restore-backup',
      args: z.tuple([DocumentNameSchema, BackupIdSchema])
    },
    createFrom: { channel: 'documents:create-from', args: z.tuple([DocumentSchema]) }
  },
  files: {
    openForImport: { channel: 'files:open-for-import', args: z.tuple([]) },
    saveExport: {
      channel: 'files:save-export',
      args: z.tuple([z.string().min(1).max(255), z.string().max(MAX_IMPORT_BYTES * 2)])
    },
    openPath: { channel: 'files:open-path', args: z.tuple([z.string().min(1).max(4096)]) }
  },
  reports: {
    exportPdf: { channel: 'reports:export-pdf', args: z.tuple([DocumentSchema, ReportOptionsSchema]) },
    cancel: { channel: 'reports:cancel', args: z.tuple([]) }
  },
  settings: {
    get: { channel: 'settings:get', args: z.tuple([]) },
    update: { channel: 'settings:update', args: z.tuple([SettingsPatchSchema]) }
  },
  app: {
    flushed: { channel: 'app:flushed', args: z.tuple([]) },
    openExternal: { channel: 'app:open-external', args: z.tuple([z.url({ protocol: /^https?$/ })]) }
  }
}

/**
 * A file the system asked the app to open (a double-click, "Open with", a second launch): a
 * timeline of the library is opened by name; any other file goes through import, like a drop.
 */
export type OpenFileRequest = { kind: 'library'; name: string } | { kind: 'import'; file: ImportedFile }

/** Messages main sends to the renderer. */
export interface ChronotesEvents {
  /** Save now: the app is about to quit. Answer with app.flushed(). */
  'app:flush-request': void
  /** Open this file (see OpenFileRequest). */
  'app:open-file': OpenFileRequest
  /** The library folder changed (another folder was chosen). */
  'library:changed': void
  /** A menu entry was chosen: the id of an app command (see app-commands.ts). */
  'menu:command': string
  /** How far the PDF export under way has got. */
  'reports:progress': { stage: string; done: number; total: number }
  /** Another program changed (or removed) the open document's file; the user chooses what to keep. */
  'documents:changed-on-disk': { name: string; deleted: boolean }
}
export const EVENT_NAMES = [
  'app:flush-request',
  'app:open-file',
  'library:changed',
  'menu:command',
  'reports:progress',
  'documents:changed-on-disk'
] as const satisfies EventName[]
export type EventName = keyof ChronotesEvents

/** How a reply crosses the boundary: errors as plain data, rethrown on the other side. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload }

/** The object the preload (or the loopback bridge) puts on `window.chronotes`. */
export type Transported<A> = {
  [D in keyof A]: {
    [M in keyof A[D]]: A[D][M] extends (...args: infer P) => Promise<infer R>
      ? (...args: P) => Promise<Envelope<R>>
      : never
  }
}
export interface ChronotesBridge extends Transported<ChronotesApi> {
  on<E extends EventName>(event: E, listener: (payload: ChronotesEvents[E]) => void): () => void
}

/** Builds the transported api from any `invoke`; the preload passes ipcRenderer.invoke. */
export function buildTransport(
  invoke: (channel: string, args: unknown[]) => Promise<Envelope<unknown>>
): Transported<ChronotesApi> {
  const domains = Object.entries(CONTRACT).map(([domain, methods]) => [
    domain,
    Object.fromEntries(
      Object.entries(methods as Record<string, { channel: string }>).map(([method, { channel }]) => [
        method,
        (...args: unknown[]) => invoke(channel, args)
      ])
    )
  ])
  return Object.fromEntries(domains) as Transported<ChronotesApi>
}

/** Every channel with its schema, for main (and the bridge) to register handlers by. */
export function contractEntries<D extends keyof ChronotesApi>(domain: D) {
  return Object.entries(CONTRACT[domain]) as [
    keyof ChronotesApi[D] & string,
    { channel: string; args: z.ZodType<unknown[]> }
  ][]
}
