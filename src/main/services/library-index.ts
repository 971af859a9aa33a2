import { mkdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { visit } from 'jsonc-parser'
import { z } from 'zod'
import type { LibraryEntry } from '../../shared/ipc'
import { readDocument } from '../../shared/model/document'
import { SCHEMA_VERSION } from '../../shared/model/schema'
import { openRegularFile, readNoFollow, writeFileVerified } from './fs-utils'

/** Files up to this size are read and validated in full for the list; larger ones only by their header. */
export const FULL_READ_BYTES = 1024 * 1024
const HEADER_BYTES = 64 * 1024

const CacheSchema = z.record(
  z.string(),
  z.object({
    size: z.number(),
    mtimeMs: z.number(),
    entry: z.custom<LibraryEntry>((v) => typeof v === 'object'),
    /** The bytes this validator has checked and found canonical: `<validator>:<revision>`. */
    valid: z.string().optional()
  })
)
type Cache = z.infer<typeof CacheSchema>
type Kept = Cache[string]

/**
 * A large file listed by its header, whose events are being counted: its record, as the cache will
 * keep it once counted (`valid` too, if an open vouched for the bytes meanwhile).
 */
interface Counting extends Kept {
  done: Promise<void>
}

/**
 * What the library list shows of each document (title, count, date), without reading whole
 * documents: a cache keyed by each file's size and modification time, kept in step by the
 * library's own saves and kept on disk between runs. A file the cache does not know is read in
 * full when small. A large one is listed at once by its header (the writer puts format, version,
 * title and dates first), its count unknown; a byte scan then counts its events, which `counted`
 * waits for. A 127 MB timeline is never parsed to be listed, and no listing waits on its scan
 * (90 ms here).
 */
export class LibraryIndex {
  private cache: Cache | null = null
  private changed = false
  private readonly counting = new Map<string, Counting>()
  private persisting = Promise.resolve()

  constructor(
    private readonly root: string,
    /** Where the cache is kept between runs, in the per-user folder; null to keep it in memory only. */
    private readonly cacheFile: string | null
  ) {}

  async entries(names: string[]): Promise<LibraryEntry[]> {
    const cache = await this.load()
    const known = new Set(names)
    for (const name of Object.keys(cache)) {
      if (known.has(name)) continue
      delete cache[name]
      this.changed = true
    }
    for (const name of this.counting.keys()) if (!known.has(name)) this.counting.delete(name)
    const entries = await Promise.all(names.map((name) => this.entry(name)))
    await this.persist()
    return entries
  }

  /**
   * Records a file the library has just written, so that listing it reads nothing, with the
   * token of its bytes (see `isValid`): what the library writes has been validated.
   */
  async remember(name: string, entry: LibraryEntry, valid: string): Promise<void> {
    const info = await stat(join(this.root, name)).catch(() => null)
    if (!info) return
    this.counting.delete(name) // what is being counted is older than what was just written
    ;(await this.load())[name] = { size: info.size, mtimeMs: info.mtimeMs, entry, valid }
    this.changed = true
    await this.persist()
  }

  /**
   * Whether these exact bytes (`<validator>:<revision>`, the revision being their hash) were
   * validated and found to be what the writer makes of the document they hold, so that opening
   * them again needs only JSON.parse. Kept in the per-user folder: a shared library cannot vouch
   * for its own files.
   */
  async isValid(name: string, token: string): Promise<boolean> {
    const cache = await this.load()
    return (this.counting.get(name) ?? cache[name])?.valid === token
  }

  /**
   * Records that the bytes of `token` were validated (after an open checked them in full). A file
   * still being counted keeps it until its count is cached: opened at once after it was listed,
   * a large file's validation (a second or more) is what holds its count up.
   */
  async rememberValid(name: string, token: string): Promise<void> {
    const cache = await this.load()
    const counting = this.counting.get(name)
    const known = counting ?? cache[name]
    if (!known) return // not listed yet: the next open checks again
    known.valid = token
    if (counting) return // written with the count
    this.changed = true
    await this.persist()
  }

  /** Resolves when the events of every large file listed so far have been counted, and the counts kept. */
  async counted(): Promise<void> {
    await Promise.all([...this.counting.values()].map((counting) => counting.done))
    await this.persisting // a count that ended just before is still being written
  }

  private async entry(name: string): Promise<LibraryEntry> {
    const path = join(this.root, name)
    const info = await stat(path).catch((error: Error) => error)
    if (info instanceof Error) return unreadable(name, info)
    const unchanged = (known?: { size: number; mtimeMs: number }) =>
      known?.size === info.size && known.mtimeMs === info.mtimeMs
    const cached = this.cache![name]
    if (unchanged(cached)) return cached!.entry
    const counting = this.counting.get(name)
    if (unchanged(counting)) return counting!.entry
    const entry = await (
      info.size <= FULL_READ_BYTES ? readWhole(path, name) : readHeader(path, name, info.size)
    ).catch((error: Error) => unreadable(name, error))
    if (entry.status === 'ok' && entry.itemCount === null) this.count(name, info, entry)
    // Keyed by the stat taken before reading: a file changed meanwhile gets read again next time.
    else this.keep(name, info, entry)
    return entry
  }

  private keep(
    name: string,
    { size, mtimeMs }: { size: number; mtimeMs: number },
    entry: LibraryEntry,
    valid?: string
  ): void {
    this.cache![name] = valid ? { size, mtimeMs, entry, valid } : { size, mtimeMs, entry }
    this.changed = true
  }

  /**
   * Counts the events of a file listed by its header, then keeps its entry with the count. Only
   * the counted entry is cached: a count cut short by quitting is started again at the next list.
   */
  private count(name: string, info: { size: number; mtimeMs: number }, entry: LibraryEntry & { status: 'ok' }): void {
    const counting: Counting = {
      size: info.size,
      mtimeMs: info.mtimeMs,
      entry,
      done: countEvents(join(this.root, name))
        .then(
          (itemCount): LibraryEntry => ({ ...entry, itemCount }),
          (error: Error) => unreadable(name, error)
        )
        .then(async (counted) => {
          // Removed from the folder, or saved by the library, while it was counted: the count is stale.
          if (this.counting.get(name) !== counting) return
          this.counting.delete(name)
          this.keep(name, info, counted, counting.valid)
          await this.persist()
        })
    }
    this.counting.set(name, counting)
  }

  private async load(): Promise<Cache> {
    if (this.cache) return this.cache
    try {
      const bytes = this.cacheFile && (await readNoFollow(this.cacheFile))
      this.cache = bytes ? CacheSchema.parse(JSON.parse(bytes.toString('utf8'))) : {}
    } catch {
      this.cache = {} // missing or damaged: it is only a cache
    }
    return this.cache
  }

  /**
   * Writes the cache file if the cache changed, one write after another: two at once (a count
   * ending during an open's) could land the older snapshot last.
   */
  private persist(): Promise<void> {
    this.persisting = this.persisting.then(() => this.write())
    return this.persisting
  }

  private async write(): Promise<void> {
    if (!this.changed || !this.cache) return
    this.changed = false
    if (!this.cacheFile) return
    const file = this.cacheFile
    await mkdir(dirname(file), { recursive: true })
      .then(() => writeFileVerified(file, JSON.stringify(this.cache)))
      .catch(() => {}) // a cache that cannot be written is only a slower next start
  }
}

function unreadable(name: string, error: Error): LibraryEntry {
  return { name, status: 'unreadable', reason: 'IO', problems: [{ file: name, message: error.message }] }
}

async function readWhole(path: string, name: string): Promise<LibraryEntry> {
  const bytes = await readNoFollow(path)
  if (!bytes) throw new Error('is no longer in the library')
  const result = readDocument(bytes.toString('utf8'), name)
  if (!result.ok) return { name, status: 'unreadable', reason: result.reason, problems: result.problems }
  const { title, updatedAt, items } = result.document
  return { name, status: 'ok', title, updatedAt, itemCount: items.length }
}

/** A large file's list entry from its first 64 KB and its last bytes, its events not counted yet. */
async function readHeader(path: string, name: string, size: number): Promise<LibraryEntry> {
  const handle = await openRegularFile(path)
  let head: string
  let tail: string
  try {
    const headBuffer = Buffer.alloc(Math.min(HEADER_BYTES, size))
    await handle.read(headBuffer, 0, headBuffer.length, 0)
    head = headBuffer.toString('utf8')
    const tailBuffer = Buffer.alloc(Math.min(64, size))
    await handle.read(tailBuffer, 0, tailBuffer.length, size - tailBuffer.length)
    tail = tailBuffer.toString('utf8')
  } finally {
    await handle.close()
  }
  const header = topLevelHeader(head)
  // Not in the writer's key order, or an older version: parse it in full, as a small file would be.
  if (header.format !== 'chronotes' || header.schemaVersion !== SCHEMA_VERSION || !header.title || !header.updatedAt)
    return header.format === 'chronotes' &&
      typeof header.schemaVersion === 'number' &&
      header.schemaVersion > SCHEMA_VERSION
      ? {
          name,
          status: 'unreadable',
          reason: 'NEWER_VERSION',
          problems: [
            {
              file: name,
              field: 'schemaVersion',
              message: `was written by a newer Chronotes (schema version ${header.schemaVersion}). Update Chronotes to open it.`
            }
          ]
        }
      : readWhole(path, name)
  if (!/}\s*$/.test(tail))
    return {
      name,
      status: 'unreadable',
      reason: 'INVALID_JSON',
      problems: [{ file: name, message: 'is cut off: it does not end where a Chronotes document ends' }]
    }
  return { name, status: 'ok', title: header.title, updatedAt: header.updatedAt, itemCount: null }
}

interface Header {
  format?: unknown
  schemaVersion?: unknown
  title?: string
  updatedAt?: string
}

/** The document's top-level scalar fields that come before its lanes and events. */
function topLevelHeader(text: string): Header {
  const header: Record<string, unknown> = {}
  let depth = 0
  let key: string | null = null
  visit(text, {
    onObjectBegin: () => void depth++,
    onObjectEnd: () => void depth--,
    onArrayBegin: () => void depth++,
    onArrayEnd: () => void depth--,
    onObjectProperty: (property) => (key = depth === 1 ? property : null),
    onLiteralValue: (value) => {
      if (depth === 1 && key) header[key] = value
    }
  })
  const text_ = (v: unknown) => (typeof v === 'string' ? v : undefined)
  return {
    format: header['format'],
    schemaVersion: header['schemaVersion'],
    ...(text_(header['title']) ? { title: text_(header['title'])! } : {}),
    ...(text_(header['updatedAt']) ? { updatedAt: text_(header['updatedAt'])! } : {})
  }
}

const NEEDLE = Buffer.from('"groupId"')
const COLON = 0x3a
const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

/**
 * Every event has exactly one "groupId" key, and lanes have none. Inside a JSON string a quote is
 * escaped, so `"groupId"` followed by a colon can only be that key: counting those counts events,
 * a megabyte at a time, without building a single object. Each read lands in the same buffer,
 * after the few bytes the last one left undecided: joining each megabyte to them instead copied
 * the whole file once more (125 MB: 120–150 ms for the scan, 90 ms now, measured here).
 */
export async function countEvents(path: string, chunkBytes = 1 << 20): Promise<number> {
  const handle = await openRegularFile(path)
  let buffer = Buffer.allocUnsafe(2 * chunkBytes)
  let count = 0
  let kept = 0
  let position = 0
  try {
    for (;;) {
      // What is kept is a key and the spaces after it: long only in a file written to be so.
      if (buffer.length - kept < chunkBytes) buffer = Buffer.concat([buffer.subarray(0, kept)], kept + chunkBytes)
      const { bytesRead } = await handle.read(buffer, kept, chunkBytes, position)
      position += bytesRead
      const atEnd = bytesRead === 0
      const text = buffer.subarray(0, kept + bytesRead)
      // Kept for the next read: the bytes that may begin a key, or a key whose colon is not read yet.
      let next = Math.max(0, text.length - NEEDLE.length + 1)
      for (let at = text.indexOf(NEEDLE); at !== -1; at = text.indexOf(NEEDLE, at + 1)) {
        let after = at + NEEDLE.length
        while (isSpace(text[after])) after++
        if (after === text.length && !atEnd) {
          next = at
          break
        }
        if (text[after] === COLON) count++
      }
      if (atEnd) return count
      kept = text.copy(buffer, 0, next)
    }
  } finally {
    await handle.close()
  }
}
