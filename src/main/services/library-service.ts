import { access, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ChronotesError } from '../../shared/errors'
import type { BackupInfo, LibraryEntry, OpenedDocument, SaveOptions, SaveResult } from '../../shared/ipc'
import { DocumentNameSchema } from '../../shared/ipc'
import { DOCUMENT_EXTENSION, readDocument, serializeDocument } from '../../shared/model/document'
import { emptyDocument } from '../../shared/model/factory'
import { newId } from '../../shared/model/ids'
import { formatProblem } from '../../shared/model/problems'
import { SCHEMA_VERSION, type TimelineDocument } from '../../shared/model/schema'
import { fileStamp, readIfExists, revisionOf, writeAtomically } from './fs-utils'
import { DatasetSeeder } from './dataset-seeder'

export interface LibraryServiceOptions {
  /** The library folder: one `*.chronotes.json` file per timeline. */
  root: string
  /** Bundled datasets copied into the library on first run. */
  datasetsDir?: string
  clock?: () => Date
  /** How many previous versions of each document are kept. */
  backupsToKeep?: number
}

/** Where the library keeps what is not a document. Visible, so a person can find their trash. */
export const TRASH_DIR = 'Trash'
export const STATE_DIR = '.chronotes'

/**
 * The document library: a folder of `*.chronotes.json` files. It never imports electron; main,
 * the CLI and the loopback bridge all use it as it is.
 */
export class LibraryService {
  readonly root: string
  private readonly clock: () => Date
  private readonly backupsToKeep: number
  private readonly seeder: DatasetSeeder | null

  constructor(options: LibraryServiceOptions) {
    this.root = options.root
    this.clock = options.clock ?? (() => new Date())
    this.backupsToKeep = options.backupsToKeep ?? 10
    this.seeder = options.datasetsDir
      ? new DatasetSeeder(options.datasetsDir, this.root, join(this.root, STATE_DIR, 'seeded.json'))
      : null
  }

  /** Creates the folder if needed, clears what interrupted saves left, and copies in new bundled datasets. */
  async start(): Promise<void> {
    await mkdir(join(this.root, STATE_DIR), { recursive: true })
    await this.removeStaleTempFiles()
    await this.seeder?.seed()
  }

  /**
   * An atomic save killed before its rename leaves "name.chronotes.json.<n>" behind: never the
   * document itself, only a torn copy of it. Fresh ones may belong to a save under way.
   */
  private async removeStaleTempFiles(): Promise<void> {
    const cutoff = Date.now() - 10 * 60_000
    for (const file of await readdir(this.root)) {
      if (!/\.chronotes\.json\.\d+$/.test(file)) continue
      const path = join(this.root, file)
      const info = await stat(path).catch(() => null)
      if (info?.isFile() && info.mtimeMs < cutoff) await unlink(path).catch(ignoreMissing)
    }
  }

  async list(): Promise<LibraryEntry[]> {
    const names = (await readdir(this.root, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && isDocumentName(entry.name))
      .map((entry) => entry.name)
    const entries = await Promise.all(
      names.map(async (name): Promise<LibraryEntry> => {
        const bytes = await readIfExists(this.pathOf(name)).catch((error: Error) => error)
        if (bytes instanceof Error)
          return { name, status: 'unreadable', reason: 'IO', problems: [{ file: name, message: bytes.message }] }
        if (!bytes) return { name, status: 'unreadable', reason: 'NOT_FOUND', problems: [] }
        const result = readDocument(bytes.toString('utf8'), name)
        if (!result.ok) return { name, status: 'unreadable', reason: result.reason, problems: result.problems }
        const { title, updatedAt, items } = result.document
        return { name, status: 'ok', title, updatedAt, itemCount: items.length }
      })
    )
    const label = (entry: LibraryEntry) => (entry.status === 'ok' ? entry.title : entry.name)
    return entries.sort((a, b) => label(a).localeCompare(label(b)))
  }

  async create(title: string): Promise<OpenedDocument> {
    return this.writeNew(emptyDocument(title, this.clock()))
  }

  async open(name: string): Promise<OpenedDocument> {
    const bytes = await readIfExists(this.pathOf(name))
    if (!bytes) throw new ChronotesError('NOT_FOUND', `"${name}" is not in the library any more.`)
    return opened(name, bytes)
  }

  /**
   * Saves atomically, keeping the previous version as a backup. Refuses with CONFLICT when the
   * file on disk is not the revision the caller last saw, unless the caller forces it.
   */
  async save(name: string, document: TimelineDocument, options: SaveOptions): Promise<SaveResult> {
    const path = this.pathOf(name)
    const current = await readIfExists(path)
    if (!options.force) {
      if (current && revisionOf(current) !== options.baseRevision)
        throw new ChronotesError('CONFLICT', `"${name}" was changed on disk by another program since it was opened.`)
      if (!current && options.baseRevision !== null)
        throw new ChronotesError('CONFLICT', `"${name}" was moved or deleted on disk since it was opened.`)
    }
    const text = serializeDocument(document)
    // A version the caller never saw (another program's, or a file it could not read) is kept for good.
    if (current) await this.backup(name, current, revisionOf(current) !== options.baseRevision)
    await writeAtomically(path, text)
    return { revision: revisionOf(text), savedAt: this.clock().toISOString() }
  }

  /** Gives the timeline a new title and its file a matching name. Nothing is lost if it stops half-way. */
  async rename(name: string, title: string): Promise<OpenedDocument> {
    const { document, revision } = await this.open(name)
    const retitled = { ...document, title, updatedAt: this.clock().toISOString() }
    if (`${slugify(title)}${DOCUMENT_EXTENSION}` === name) {
      const saved = await this.save(name, retitled, { baseRevision: revision })
      return { name, document: retitled, revision: saved.revision }
    }
    const renamed = await this.writeNew(retitled)
    await this.moveBackups(name, renamed.name)
    await unlink(this.pathOf(name))
    return renamed
  }

  /** Saves a document that came from elsewhere (an imported file) as a new timeline. */
  async createFrom(document: TimelineDocument): Promise<OpenedDocument> {
    return this.writeNew(document)
  }

  async duplicate(name: string): Promise<OpenedDocument> {
    const { document } = await this.open(name)
    const now = this.clock().toISOString()
    // Events keep their ids: they are the same events, and merging later should recognise them.
    return this.writeNew({
      ...document,
      id: newId(),
      title: `${document.title} (copy)`,
      createdAt: now,
      updatedAt: now
    })
  }

  /** Moves the file into the library's Trash folder, its backups with it: nothing is deleted. */
  async trash(name: string): Promise<void> {
    const stamp = await this.moveToTrash(name)
    await rename(this.backupDir(name), join(this.root, TRASH_DIR, `${stamp} ${name} backups`)).catch(ignoreMissing)
  }

  async backups(name: string): Promise<BackupInfo[]> {
    const dir = this.backupDir(name)
    const files = await readdir(dir).catch(() => [] as string[])
    const infos = await Promise.all(
      files
        .filter((f) => f.endsWith('.json'))
        .map(async (id) => {
          const info = await stat(join(dir, id))
          return { id, savedAt: info.mtime.toISOString(), size: info.size }
        })
    )
    return infos.sort((a, b) => b.id.localeCompare(a.id))
  }

  /** Puts a backup back in place. The version it replaces goes to the Trash, not away. */
  async restoreBackup(name: string, backupId: string): Promise<OpenedDocument> {
    if (!/^[\w-]+(\.[\w-]+)*\.json$/.test(backupId))
      throw new ChronotesError('INVALID_ARGUMENT', `"${backupId}" is not a backup of "${name}".`)
    const bytes = await readIfExists(join(this.backupDir(name), backupId))
    if (!bytes) throw new ChronotesError('NOT_FOUND', `There is no backup "${backupId}" of "${name}".`)
    const restored = opened(name, bytes)
    if (await readIfExists(this.pathOf(name))) await this.moveToTrash(name)
    await writeAtomically(this.pathOf(name), bytes)
    return restored
  }

  /** Moves the document's file into Trash under a time-stamped name, which it returns. */
  private async moveToTrash(name: string): Promise<string> {
    const path = this.pathOf(name)
    if (!(await readIfExists(path))) throw new ChronotesError('NOT_FOUND', `"${name}" is not in the library.`)
    await mkdir(join(this.root, TRASH_DIR), { recursive: true })
    let stamp = fileStamp(this.clock())
    const base = stamp
    for (let n = 2; await exists(join(this.root, TRASH_DIR, `${stamp} ${name}`)); n++) stamp = `${base}-${n}`
    await rename(path, join(this.root, TRASH_DIR, `${stamp} ${name}`))
    return stamp
  }

  private pathOf(name: string): string {
    // The IPC layer validates names too; this keeps the service safe when called directly.
    if (!DocumentNameSchema.safeParse(name).success)
      throw new ChronotesError('INVALID_ARGUMENT', `"${name}" is not a document name.`)
    return join(this.root, name)
  }

  private backupDir(name: string): string {
    return join(this.root, STATE_DIR, 'backups', this.pathOf(name).slice(this.root.length + 1))
  }

  private async backup(name: string, bytes: Buffer, overwrittenUnseen: boolean): Promise<void> {
    const dir = this.backupDir(name)
    await mkdir(dir, { recursive: true })
    // A file of an older schema version is kept for good too: it is the only copy in that version.
    const version = /"schemaVersion":\s*(\d+)/.exec(bytes.subarray(0, 4096).toString('utf8'))?.[1]
    const older = version !== undefined && Number(version) < SCHEMA_VERSION
    const kind = overwrittenUnseen ? '.overwritten' : older ? '.before-migration' : ''
    const stamp = fileStamp(this.clock())
    let file = `${stamp}${kind}.json`
    for (let n = 2; await exists(join(dir, file)); n++) file = `${stamp}-${n}${kind}.json`
    await writeAtomically(join(dir, file), bytes)
    const rotating = (await readdir(dir)).filter((f) => /^[\dTZ-]+\.json$/.test(f)).sort()
    for (const old of rotating.slice(0, Math.max(0, rotating.length - this.backupsToKeep))) await unlink(join(dir, old))
  }

  private async moveBackups(from: string, to: string): Promise<void> {
    await rename(this.backupDir(from), this.backupDir(to)).catch(ignoreMissing)
  }

  /** Writes a document under a new file name derived from its title. */
  private async writeNew(document: TimelineDocument): Promise<OpenedDocument> {
    const name = await this.freeName(document.title)
    const text = serializeDocument(document)
    await writeAtomically(this.pathOf(name), text)
    return { name, document, revision: revisionOf(text) }
  }

  private async freeName(title: string): Promise<string> {
    const base = slugify(title)
    for (let n = 1; ; n++) {
      const name = `${base}${n === 1 ? '' : `-${n}`}${DOCUMENT_EXTENSION}`
      // A name whose backups outlived it (it was trashed) stays taken, so histories never mix.
      if (!(await exists(join(this.root, name))) && !(await exists(this.backupDir(name)))) return name
    }
  }
}

function opened(name: string, bytes: Buffer): OpenedDocument {
  const result = readDocument(bytes.toString('utf8'), name)
  if (!result.ok) {
    const code = result.reason === 'NEWER_VERSION' ? 'NEWER_VERSION' : 'UNREADABLE'
    const first = result.problems[0]
    throw new ChronotesError(code, first ? formatProblem(first) : `"${name}" cannot be read.`, result.problems)
  }
  const base = { name, document: result.document, revision: revisionOf(bytes) }
  return result.migratedFrom === undefined ? base : { ...base, migratedFrom: result.migratedFrom }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  )
}

function isDocumentName(name: string): boolean {
  return DocumentNameSchema.safeParse(name).success
}

/** A file name from a title: letters of any script kept, everything else a dash. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug || 'timeline'
}
