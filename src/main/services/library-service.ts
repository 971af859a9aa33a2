import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ChronotesError } from '../../shared/errors'
import type { BackupInfo, LibraryEntry, OpenedDocument, SaveOptions, SaveResult } from '../../shared/ipc'
import { DocumentNameSchema } from '../../shared/ipc'
import { DOCUMENT_EXTENSION, readDocument, serializeDocument } from '../../shared/model/document'
import { emptyDocument } from '../../shared/model/factory'
import { newId } from '../../shared/model/ids'
import { formatProblem } from '../../shared/model/problems'
import type { TimelineDocument } from '../../shared/model/schema'
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

  /** Creates the folder if needed and copies in bundled datasets not seen before. */
  async start(): Promise<void> {
    await mkdir(join(this.root, STATE_DIR), { recursive: true })
    await this.seeder?.seed()
  }

  async list(): Promise<LibraryEntry[]> {
    const names = (await readdir(this.root)).filter(isDocumentName)
    const entries = await Promise.all(
      names.map(async (name): Promise<LibraryEntry> => {
        const bytes = await readIfExists(this.pathOf(name))
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
        throw new ChronotesError(
          'CONFLICT',
          `"${name}" was changed on disk by another program since it was opened.`
        )
      if (!current && options.baseRevision !== null)
        throw new ChronotesError('CONFLICT', `"${name}" was moved or deleted on disk since it was opened.`)
    }
    const text = serializeDocument(document)
    if (current) await this.backup(name, current)
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

  async duplicate(name: string): Promise<OpenedDocument> {
    const { document } = await this.open(name)
    const now = this.clock().toISOString()
    // Events keep their ids: they are the same events, and merging later should recognise them.
    return this.writeNew({ ...document, id: newId(), title: `${document.title} (copy)`, createdAt: now, updatedAt: now })
  }

  /** Moves the file into the library's Trash folder; its backups stay where they are. */
  async trash(name: string): Promise<void> {
    const path = this.pathOf(name)
    if (!(await readIfExists(path))) throw new ChronotesError('NOT_FOUND', `"${name}" is not in the library.`)
    await mkdir(join(this.root, TRASH_DIR), { recursive: true })
    await rename(path, join(this.root, TRASH_DIR, `${fileStamp(this.clock())} ${name}`))
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
    const bytes = await readIfExists(join(this.backupDir(name), backupId))
    if (!bytes) throw new ChronotesError('NOT_FOUND', `There is no backup "${backupId}" of "${name}".`)
    const restored = opened(name, bytes)
    if (await readIfExists(this.pathOf(name))) await this.trash(name)
    await writeAtomically(this.pathOf(name), bytes)
    return restored
  }

  private pathOf(name: string): string {
    // The IPC layer validates names too; this keeps the service safe when called directly.
    if (!DocumentNameSchema.safeParse(name).success) throw new ChronotesError('INVALID_ARGUMENT', `"${name}" is not a document name.`)
    return join(this.root, name)
  }

  private backupDir(name: string): string {
    return join(this.root, STATE_DIR, 'backups', this.pathOf(name).slice(this.root.length + 1))
  }

  private async backup(name: string, bytes: Buffer): Promise<void> {
    const dir = this.backupDir(name)
    await mkdir(dir, { recursive: true })
    // A file of an older schema version is kept for good: it is the only copy that version has.
    const older = /"schemaVersion":\s*0\b/.test(bytes.subarray(0, 4096).toString('utf8'))
    await writeAtomically(join(dir, `${fileStamp(this.clock())}${older ? '.before-migration' : ''}.json`), bytes)
    const rotating = (await readdir(dir)).filter((f) => /^[\dTZ-]+\.json$/.test(f)).sort()
    for (const old of rotating.slice(0, Math.max(0, rotating.length - this.backupsToKeep))) await unlink(join(dir, old))
  }

  private async moveBackups(from: string, to: string): Promise<void> {
    await rename(this.backupDir(from), this.backupDir(to)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
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
      if (!(await readIfExists(join(this.root, name)))) return name
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
