import { lstat, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { createHash, randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { applyChangesChecked, type DocumentChanges } from '../../shared/document-changes'
import { ChronotesError, plainIoError } from '../../shared/errors'
import type {
  BackupInfo,
  LibraryEntry,
  OpenedDocument,
  OpenedText,
  OutlineText,
  SaveOptions,
  SaveResult
} from '../../shared/ipc'
import { DocumentNameSchema } from '../../shared/ipc'
import { DOCUMENT_EXTENSION, documentText, readDocument, serializeDocument } from '../../shared/model/document'
import { emptyDocument } from '../../shared/model/factory'
import { newId } from '../../shared/model/ids'
import { formatProblem } from '../../shared/model/problems'
import { SCHEMA_VERSION, type TimelineDocument } from '../../shared/model/schema'
import { DatasetSeeder } from './dataset-seeder'
import { DocumentLocks } from './document-lock'
import { DocumentOutlines } from './document-outlines'
import { DocumentWatcher, type ExternalChange } from './document-watcher'
import { fileStamp, readNoFollow, readRevisedNoFollow, revisionOf, writeFileVerified } from './fs-utils'
import { LibraryIndex } from './library-index'
import { LibraryPaths, slugify } from './library-paths'
import { removeStaleTempFiles } from './stale-temp-files'

export { slugify } from './library-paths'
export type { ExternalChange } from './document-watcher'

export interface LibraryServiceOptions {
  /** The library folder: one `*.chronotes.json` file per timeline. */
  root: string
  /** Bundled datasets copied into the library on first run. */
  datasetsDir?: string
  clock?: () => Date
  /** How many previous versions of each document are kept. */
  backupsToKeep?: number
  /** Told at once when another program changes (or removes) the open document's file. */
  onExternalChange?: (change: ExternalChange) => void
  /** Told after each look at the open document's changed file (for tests and logs). */
  onWatchCheck?: (outcome: 'ours' | 'theirs') => void
  /**
   * This person's folder for caches (the app's per-user folder, never the library, which may be
   * shared or synced): the list cache is kept there, a file per library. Without it the list is
   * cached in memory only (the CLI).
   */
  cacheDir?: string
  /**
   * Names this build's document validator (the app's version): a file whose exact bytes it has
   * validated before opens without validating again. Without it, that is remembered for this
   * process only.
   */
  validatorId?: string
}

/** Where the library keeps what is not a document. Visible, so a person can find their trash. */
export const TRASH_DIR = 'Trash'
export const STATE_DIR = '.chronotes'

/** Names what the per-user folder keeps for one library (its list cache, its outlines), from the library's path. */
function libraryKey(root: string): string {
  return createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)
}

const INTACT = 'Nothing was changed: the previous version is intact.'
const NOTHING_CHANGED = 'Nothing was changed.'

/**
 * The document library: a folder of `*.chronotes.json` files. It never imports electron; main,
 * the CLI and the loopback bridge all use it as it is. Every write is verified before it
 * replaces anything, one process at a time writes a document (a lock plus the revision check),
 * and nothing outside the folder is ever followed into.
 */
export class LibraryService {
  readonly root: string
  private readonly clock: () => Date
  private readonly backupsToKeep: number
  private readonly seeder: DatasetSeeder | null
  private readonly paths: LibraryPaths
  private readonly locks: DocumentLocks
  private readonly index: LibraryIndex
  private readonly outlines: DocumentOutlines
  private readonly watcher: DocumentWatcher | null
  private readonly validatorId: string

  constructor(options: LibraryServiceOptions) {
    this.root = options.root
    this.clock = options.clock ?? (() => new Date())
    this.backupsToKeep = options.backupsToKeep ?? 10
    this.seeder = options.datasetsDir
      ? new DatasetSeeder(options.datasetsDir, this.root, join(this.root, STATE_DIR, 'seeded.json'))
      : null
    this.paths = new LibraryPaths(this.root)
    this.locks = new DocumentLocks(() => this.paths.folder(STATE_DIR, 'locks'))
    const cacheDir = options.cacheDir
    const key = libraryKey(this.root)
    this.index = new LibraryIndex(this.root, cacheDir ? join(cacheDir, `library-list-${key}.json`) : null)
    this.outlines = new DocumentOutlines(cacheDir ? join(cacheDir, `outlines-${key}`) : null)
    this.validatorId = options.validatorId ?? `process-${randomUUID()}`
    this.watcher = options.onExternalChange
      ? new DocumentWatcher(this.root, options.onExternalChange, options.onWatchCheck)
      : null
  }

  /**
   * Creates the folder if needed, clears what killed saves left, copies in new bundled datasets,
   * and starts watching. A read-only library still opens (to read); saving then says why it cannot.
   */
  async start(): Promise<void> {
    await this.guard('Opening the library folder', NOTHING_CHANGED, async () => {
      await mkdir(this.root, { recursive: true }).catch(() => {})
      const writable = await this.paths.folder(STATE_DIR).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          // Read-only, or a state folder that is a link: the library can still be read; saves say why not.
          if (!['EROFS', 'EACCES', 'EPERM', 'OUTSIDE_LIBRARY'].includes(String(error.code))) throw error
          return false
        }
      )
      if (!writable) return
      await removeStaleTempFiles(this.root, (target) => this.locks.isHeld(target))
      await this.seeder?.seed()
    })
    this.watcher?.start()
  }

  async stop(): Promise<void> {
    this.watcher?.stop()
    await Promise.all([this.outlines.settled(), this.index.counted()])
  }

  /** The timelines in the folder. A large one new to the list comes at once, without its count (see `counted`). */
  async list(): Promise<LibraryEntry[]> {
    return this.guard('Listing the library', NOTHING_CHANGED, async () => {
      const names = (await readdir(this.root, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && isDocumentName(entry.name))
        .map((entry) => entry.name)
      const entries = await this.index.entries(names)
      const label = (entry: LibraryEntry) => (entry.status === 'ok' ? entry.title : entry.name)
      return entries.sort((a, b) => label(a).localeCompare(label(b)))
    })
  }

  /** Resolves when the events of every timeline listed so far have been counted. */
  async counted(): Promise<void> {
    await this.index.counted()
  }

  async create(title: string): Promise<OpenedDocument> {
    return this.guard(`Creating "${title}"`, NOTHING_CHANGED, () => this.writeNew(emptyDocument(title, this.clock())))
  }

  async open(name: string): Promise<OpenedDocument> {
    return this.opening(name, (bytes, revision) => opened(name, bytes, revision))
  }

  /**
   * Opens a document for the app's window: its text as bytes, which the window parses. Bytes this build
   * has validated before (it wrote them, or checked them at an earlier open) are sent as they
   * are; others are validated first and sent as the validator read them. Parsing in the window
   * once beats validating here again and copying 100,000 events across as objects.
   */
  async openText(name: string): Promise<OpenedText> {
    return this.opening(name, async (bytes, revision) => {
      const token = this.validToken(revision)
      if (await this.index.isValid(name, token)) return { name, bytes, revision }
      const { document, migratedFrom } = opened(name, bytes, revision)
      const text = Buffer.from(documentText(document))
      // Only a file that is exactly what this app would write is vouched for next time.
      if (migratedFrom === undefined && bytes.equals(text)) await this.index.rememberValid(name, token)
      await this.outlines.written(name, this.pathOf(name), document)
      return migratedFrom === undefined
        ? { name, bytes: text, revision }
        : { name, bytes: text, revision, migratedFrom }
    })
  }

  /**
   * A large timeline's outline (see shared/view/outline.ts), for the window to draw while the
   * document opens; null when there is none for the file as it is now.
   */
  async outline(name: string): Promise<OutlineText | null> {
    return this.guard(`Opening "${name}"`, NOTHING_CHANGED, async () => {
      const bytes = await this.outlines.read(name, await this.documentPath(name))
      return bytes && { name, bytes }
    })
  }

  /** Reads a document's bytes for `read` to make of them what the caller opens, then follows the file. */
  private async opening<T extends { revision: string }>(
    name: string,
    read: (bytes: Buffer, revision: string) => T | Promise<T>
  ): Promise<T> {
    return this.guard(`Opening "${name}"`, NOTHING_CHANGED, async () => {
      const path = await this.documentPath(name)
      // What saves killed part-way left of this document; a read-only library keeps them.
      await this.removeTempFiles(name).catch(() => {})
      const file = await readRevisedNoFollow(path)
      if (!file) throw new ChronotesError('NOT_FOUND', `"${name}" is not in the library any more.`)
      const result = await read(file.bytes, file.revision)
      this.watcher?.follow(name, result.revision)
      return result
    })
  }

  /**
   * Saves atomically, keeping the previous version as a backup. Refuses with CONFLICT when the
   * file on disk is not the revision the caller last saw, unless the caller forces it; the lock
   * makes that check and the write one step, across processes.
   */
  async save(name: string, document: TimelineDocument, options: SaveOptions): Promise<SaveResult> {
    const text = serializeDocument(document)
    return this.write(name, options, () => ({ document, text }))
  }

  /**
   * Saves the changes an autosave sends onto the version on disk, which must be the one the
   * caller last saw (the revision): the renderer then never copies a whole large document here.
   */
  async saveChanges(name: string, changes: DocumentChanges, options: SaveOptions): Promise<SaveResult> {
    if (options.force) throw new ChronotesError('INVALID_ARGUMENT', 'a forced save sends the whole document')
    // Checked against the revision here, and the write goes on only if the bytes have that revision.
    const known = await this.index.isValid(name, this.validToken(options.baseRevision ?? ''))
    return this.write(name, options, (current) => {
      if (!current) throw new ChronotesError('CONFLICT', `"${name}" is not on disk to save changes onto.`)
      // The revision matched: these are the bytes the caller opened or saved. They are read as
      // an open reads them (an older schema brought up to date), so the changes apply to the same
      // document the caller holds.
      // Only what changed is validated again (with the rules across events): the rest is the
      // validated document on disk.
      const document = applyChangesChecked(this.readKnown(name, current, known), changes)
      return { document, text: documentText(document) }
    })
  }

  /** The one way a document is written: `produce` makes it from what is on disk, under the lock. */
  private async write(
    name: string,
    options: SaveOptions,
    produce: (current: Buffer | null) => { document: TimelineDocument; text: string }
  ): Promise<SaveResult> {
    this.pathOf(name)
    return this.guard(`Saving "${name}"`, INTACT, () =>
      this.locks.with(name, async (held) => {
        const path = await this.documentPath(name)
        await removeStaleTempFiles(this.root, 'held', name)
        const current = await readRevisedNoFollow(path)
        if (!options.force) {
          if (current && current.revision !== options.baseRevision)
            throw new ChronotesError(
              'CONFLICT',
              `"${name}" was changed on disk by another program since it was opened.`
            )
          if (!current && options.baseRevision !== null)
            throw new ChronotesError('CONFLICT', `"${name}" was moved or deleted on disk since it was opened.`)
        }
        const { document, text } = produce(current?.bytes ?? null)
        // A version the caller never saw (another program's, or a file it could not read) is kept for good.
        if (current) await this.backup(name, current.bytes, current.revision !== options.baseRevision)
        if (!held()) throw lostLock(name)
        // Encoded once, for the revision and the file alike (127 MB at 100,000 events).
        const bytes = Buffer.from(text)
        const revision = revisionOf(bytes)
        this.watcher?.follow(name, revision)
        // Read back, the file must be these very bytes (writeFileVerified): the text of a validated
        // document, so parsing it again would prove nothing more (and took 1–3 s at 100,000 events).
        await writeFileVerified(path, bytes)
        await this.index.remember(name, entryOf(name, document), this.validToken(revision))
        await this.outlines.written(name, path, document)
        return { revision, savedAt: this.clock().toISOString() }
      })
    )
  }

  /** Gives the timeline a new title and its file a matching name. Nothing is lost if it stops half-way. */
  async rename(name: string, title: string): Promise<OpenedDocument> {
    const { document, revision } = await this.open(name)
    const retitled = { ...document, title, updatedAt: this.clock().toISOString() }
    if (`${slugify(title)}${DOCUMENT_EXTENSION}` === name) {
      const saved = await this.save(name, retitled, { baseRevision: revision })
      return { name, document: retitled, revision: saved.revision }
    }
    return this.guard(`Renaming "${name}"`, INTACT, () =>
      this.locks.with(name, async () => {
        const current = await readNoFollow(await this.documentPath(name))
        if (!current || revisionOf(current) !== revision)
          throw new ChronotesError('CONFLICT', `"${name}" was changed on disk by another program while it was renamed.`)
        const renamed = await this.writeNew(retitled)
        const backups = await this.paths.find(STATE_DIR, 'backups', name)
        if (backups) await rename(backups, join(await this.paths.folder(STATE_DIR, 'backups'), renamed.name))
        this.watcher?.unfollow(name)
        await unlink(this.pathOf(name))
        await this.outlines.forget(name)
        return renamed
      })
    )
  }

  /** Saves a document that came from elsewhere (an imported file) as a new timeline. */
  async createFrom(document: TimelineDocument): Promise<OpenedDocument> {
    return this.guard(`Saving "${document.title}" in the library`, NOTHING_CHANGED, () => this.writeNew(document))
  }

  async duplicate(name: string): Promise<OpenedDocument> {
    const { document } = await this.open(name)
    const now = this.clock().toISOString()
    // Events keep their ids: they are the same events, and merging later should recognise them.
    const copy = { ...document, id: newId(), title: `${document.title} (copy)`, createdAt: now, updatedAt: now }
    return this.guard(`Duplicating "${name}"`, NOTHING_CHANGED, () => this.writeNew(copy))
  }

  /** Moves the file into the library's Trash folder, its backups with it: nothing is deleted. */
  async trash(name: string): Promise<void> {
    this.pathOf(name)
    await this.guard(`Moving "${name}" to the Trash`, NOTHING_CHANGED, () =>
      this.locks.with(name, async () => {
        this.watcher?.unfollow(name)
        await this.outlines.forget(name)
        const stamp = await this.moveToTrash(name)
        const backups = await this.paths.find(STATE_DIR, 'backups', name)
        if (backups) await rename(backups, join(await this.paths.folder(TRASH_DIR), `${stamp} ${name} backups`))
      })
    )
  }

  async backups(name: string): Promise<BackupInfo[]> {
    return this.guard(`Listing the backups of "${name}"`, NOTHING_CHANGED, async () => {
      this.pathOf(name)
      const dir = await this.paths.find(STATE_DIR, 'backups', name)
      const files = dir ? await readdir(dir) : []
      const infos = await Promise.all(
        files
          .filter((f) => f.endsWith('.json'))
          .map(async (id) => {
            const info = await stat(join(dir!, id))
            return { id, savedAt: info.mtime.toISOString(), size: info.size }
          })
      )
      return infos.sort((a, b) => b.id.localeCompare(a.id))
    })
  }

  /** Puts a backup back in place. The version it replaces goes to the Trash, not away. */
  async restoreBackup(name: string, backupId: string): Promise<OpenedDocument> {
    if (!/^[\w-]+(\.[\w-]+)*\.json$/.test(backupId))
      throw new ChronotesError('INVALID_ARGUMENT', `"${backupId}" is not a backup of "${name}".`)
    this.pathOf(name)
    return this.guard(`Restoring a backup of "${name}"`, INTACT, () =>
      this.locks.with(name, async () => {
        const dir = await this.paths.find(STATE_DIR, 'backups', name)
        const bytes = dir && (await readNoFollow(join(dir, backupId)))
        if (!bytes) throw new ChronotesError('NOT_FOUND', `There is no backup "${backupId}" of "${name}".`)
        const restored = opened(name, bytes, revisionOf(bytes))
        const path = await this.documentPath(name)
        if (await readNoFollow(path)) await this.moveToTrash(name)
        this.watcher?.follow(name, restored.revision)
        await writeFileVerified(path, bytes)
        return restored
      })
    )
  }

  private validToken(revision: string): string {
    return `${this.validatorId}:${revision}`
  }

  /** The document in the bytes the caller holds: only parsed when this build has validated them before. */
  private readKnown(name: string, bytes: Buffer, known: boolean): TimelineDocument {
    const text = bytes.toString('utf8')
    if (known) return JSON.parse(text) as TimelineDocument
    const read = readDocument(text, name)
    if (!read.ok) throw new ChronotesError('CONFLICT', `"${name}" on disk cannot be read; save the whole document.`)
    return read.document
  }

  /** Temporary files of the document and of its backups whose writer is gone (dead, or without the lock). */
  private async removeTempFiles(name: string): Promise<void> {
    const held = () => this.locks.isHeld(name)
    await removeStaleTempFiles(this.root, held, name)
    const backups = await this.paths.find(STATE_DIR, 'backups', name)
    if (backups) await removeStaleTempFiles(backups, held)
  }

  /** Moves the document's file into Trash under a time-stamped name, which it returns. */
  private async moveToTrash(name: string): Promise<string> {
    const path = await this.documentPath(name)
    if (!(await readNoFollow(path))) throw new ChronotesError('NOT_FOUND', `"${name}" is not in the library.`)
    const trash = await this.paths.folder(TRASH_DIR)
    let stamp = fileStamp(this.clock())
    const base = stamp
    for (let n = 2; await exists(join(trash, `${stamp} ${name}`)); n++) stamp = `${base}-${n}`
    await rename(path, join(trash, `${stamp} ${name}`))
    return stamp
  }

  private pathOf(name: string): string {
    // The IPC layer validates names too; this keeps the service safe when called directly.
    if (!DocumentNameSchema.safeParse(name).success)
      throw new ChronotesError('INVALID_ARGUMENT', `"${name}" is not a document name.`)
    return join(this.root, name)
  }

  /** The document's path, refused if it is a link or leads outside the library. */
  private async documentPath(name: string): Promise<string> {
    const path = this.pathOf(name)
    await this.paths.checkFile(path)
    return path
  }

  private async backup(name: string, bytes: Buffer, overwrittenUnseen: boolean): Promise<void> {
    const dir = await this.paths.folder(STATE_DIR, 'backups', name)
    await removeStaleTempFiles(dir, 'held')
    // A file of an older schema version is kept for good too: it is the only copy in that version.
    const version = /"schemaVersion":\s*(\d+)/.exec(bytes.subarray(0, 4096).toString('utf8'))?.[1]
    const older = version !== undefined && Number(version) < SCHEMA_VERSION
    const kind = overwrittenUnseen ? '.overwritten' : older ? '.before-migration' : ''
    const stamp = fileStamp(this.clock())
    let file = `${stamp}${kind}.json`
    for (let n = 2; await exists(join(dir, file)); n++) file = `${stamp}-${n}${kind}.json`
    // Verified like the document: a full disk must not leave a cut-off backup (or rotate a good one out).
    await writeFileVerified(join(dir, file), bytes)
    const rotating = (await readdir(dir)).filter((f) => /^[\dTZ-]+\.json$/.test(f)).sort()
    for (const old of rotating.slice(0, Math.max(0, rotating.length - this.backupsToKeep))) await unlink(join(dir, old))
  }

  /**
   * Writes a document under a new file name derived from its title. The name is taken
   * exclusively (never over an existing file, even one another process creates at the same
   * moment): on EEXIST the next name is tried.
   */
  private async writeNew(document: TimelineDocument): Promise<OpenedDocument> {
    // Encoded once, for every name tried and for the revision, as a save does.
    const bytes = Buffer.from(serializeDocument(document))
    const base = slugify(document.title)
    for (let n = 1; ; n++) {
      const name = `${base}${n === 1 ? '' : `-${n}`}${DOCUMENT_EXTENSION}`
      // A name whose backups outlived it (it was trashed) stays taken, so histories never mix.
      if (await exists(join(this.root, STATE_DIR, 'backups', name))) continue
      const created = await this.locks.with(name, async () => {
        const path = this.pathOf(name)
        if (await exists(path)) return false
        return writeFileVerified(path, bytes, { exclusive: true }).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'EEXIST') return false
            throw error
          }
        )
      })
      if (!created) continue
      const revision = revisionOf(bytes)
      await this.index.remember(name, entryOf(name, document), this.validToken(revision))
      await this.outlines.written(name, this.pathOf(name), document)
      this.watcher?.follow(name, revision)
      return { name, document, revision }
    }
  }

  private async guard<T>(action: string, kept: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw plainIoError(error, action, kept)
    }
  }
}

function opened(name: string, bytes: Buffer, revision: string): OpenedDocument {
  const result = readDocument(bytes.toString('utf8'), name)
  if (!result.ok) {
    const code = result.reason === 'NEWER_VERSION' ? 'NEWER_VERSION' : 'UNREADABLE'
    const first = result.problems[0]
    throw new ChronotesError(code, first ? formatProblem(first) : `"${name}" cannot be read.`, result.problems)
  }
  const base = { name, document: result.document, revision }
  return result.migratedFrom === undefined ? base : { ...base, migratedFrom: result.migratedFrom }
}

function entryOf(name: string, document: TimelineDocument): LibraryEntry {
  return { name, status: 'ok', title: document.title, updatedAt: document.updatedAt, itemCount: document.items.length }
}

function lostLock(name: string): ChronotesError {
  return new ChronotesError(
    'CONFLICT',
    `"${name}" could not be saved: this save paused so long that another program may be writing it. Nothing was changed; save again.`
  )
}

/** Whether anything (a file, a folder, a link, even a broken one) has that name. */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false
  )
}

function isDocumentName(name: string): boolean {
  return DocumentNameSchema.safeParse(name).success
}
