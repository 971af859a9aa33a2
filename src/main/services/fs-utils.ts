import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { link, open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/** A file's revision: the SHA-256 of its bytes. Unlike mtimes, it cannot miss a change. */
export function revisionOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The file's bytes, or null if there is no such file. */
export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Like readIfExists, but refuses to follow a link at the last step (ELOOP): a document that is
 * a symlink would read, and then let a save write, a file outside the library.
 */
export async function readNoFollow(path: string): Promise<Buffer | null> {
  return withNoFollow(path, (handle) => handle.readFile())
}

/** Read and hashed in steps of this size: the next step is read while this one is hashed. */
const HASHED_READ_CHUNK = 8 << 20

/**
 * readNoFollow with the bytes' revision, each step hashed while the next is read: a 127 MB
 * timeline is read and hashed in 0.4 s, where reading and then hashing took 0.62 s.
 */
export async function readRevisedNoFollow(path: string): Promise<{ bytes: Buffer; revision: string } | null> {
  return withNoFollow(path, async (handle) => {
    const hash = createHash('sha256')
    const { size } = await handle.stat()
    const bytes = Buffer.allocUnsafe(size)
    const readAt = (offset: number) => handle.read(bytes, offset, Math.min(HASHED_READ_CHUNK, size - offset), offset)
    let read = 0
    let pending = size ? readAt(0) : null
    while (pending) {
      const { bytesRead } = await pending
      const from = read
      read += bytesRead
      pending = bytesRead && read < size ? readAt(read) : null
      hash.update(bytes.subarray(from, read))
    }
    // Another program changed the file's length while it was read: read it again, whole (the
    // reads above named their offsets, so the handle's own position is still at the start).
    if (read !== size || (await handle.stat()).size !== size) {
      const again = await handle.readFile()
      return { bytes: again, revision: revisionOf(again) }
    }
    return { bytes, revision: hash.digest('hex') }
  })
}

/**
 * Opens a file of the library for reading, never through a link, and only if it is a regular file:
 * a link or a pipe put in a listed file's place (by a sync client, or on purpose) is refused, and a
 * pipe is opened without waiting for a writer that may never come.
 */
export async function openRegularFile(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  if ((await handle.stat()).isFile()) return handle
  await handle.close()
  throw new Error('is not a regular file')
}

/** Runs `use` on the file opened for reading as `openRegularFile` opens it; null if there is no file. */
async function withNoFollow<T>(path: string, use: (handle: FileHandle) => Promise<T>): Promise<T | null> {
  let handle: FileHandle
  try {
    handle = await openRegularFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    return await use(handle)
  } finally {
    await handle.close()
  }
}

/** A verified write did not put on disk what it was given; nothing was replaced. */
export class WriteCheckError extends Error {
  override readonly name = 'WriteCheckError'
  /** Like ENOSPC: a short write or a missing tail is what a full disk does. */
  readonly code = 'EWRITECHECK'
}

export interface VerifiedWriteOptions {
  /** Checks the bytes read back from the temporary file; a returned sentence rejects them. */
  verify?: (bytes: Buffer) => string | null
  /** Never replace an existing file: fail with EEXIST instead (a new document's name is taken). */
  exclusive?: boolean
}

/** Temporary files are "<target>.<pid>-<n>.tmp": the pid tells whether their writer still lives. */
const TEMP_SUFFIX = /\.(\d+)-\d+\.tmp$/
let tempCounter = 0

export function tempPathFor(path: string): string {
  return `${path}.${process.pid}-${++tempCounter}.tmp`
}

/** The target a temporary file was written for, and the writer's pid; null for any other file. */
export function parseTempFile(file: string): { target: string; pid: number } | null {
  const match = TEMP_SUFFIX.exec(file)
  return match ? { target: file.slice(0, match.index), pid: Number(match[1]) } : null
}

/**
 * Writes a temporary file beside the target, checks it, flushes it, then renames it over the
 * target: a crash, a power cut or a full disk leaves the old version or the new one, never a
 * torn file. The check is what a full disk needs: every byte written (no short write), the size
 * on disk equal to the buffer, and the bytes read back equal to it (and, if asked, valid). On any
 * failure the temporary file is removed, the target is untouched, and the error is thrown.
 */
export async function writeFileVerified(
  path: string,
  data: string | Buffer,
  options: VerifiedWriteOptions = {}
): Promise<void> {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const temp = tempPathFor(path)
  const handle = await open(temp, 'wx+')
  try {
    try {
      await writeAll(handle, buffer)
      await handle.sync()
      await checkWritten(handle, buffer, options.verify)
    } finally {
      await handle.close()
    }
    if (options.exclusive) await linkExclusive(temp, path)
    else await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  if (options.exclusive) await unlink(temp).catch(() => {})
  await syncFolder(dirname(path))
}

/**
 * Gives the finished temporary file the target's name only if no file has it: a hard link fails
 * with EEXIST, atomically. Where links are not supported (FAT, some shares), the name is claimed
 * with an exclusive create ('wx') and the checked file renamed over the empty claim.
 */
async function linkExclusive(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path)
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
    await (await open(path, 'wx')).close()
    await rename(temp, path)
  }
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, offset)
    if (bytesWritten <= 0) throw new WriteCheckError(`only ${offset} of ${buffer.length} bytes could be written`)
    offset += bytesWritten
  }
}

async function checkWritten(handle: FileHandle, buffer: Buffer, verify?: (bytes: Buffer) => string | null) {
  const { size } = await handle.stat()
  if (size !== buffer.length) throw new WriteCheckError(`${size} of ${buffer.length} bytes reached the disk`)
  const back = Buffer.allocUnsafe(size)
  let offset = 0
  while (offset < size) {
    const { bytesRead } = await handle.read(back, offset, size - offset, offset)
    if (bytesRead === 0) break
    offset += bytesRead
  }
  if (offset !== size || !back.equals(buffer))
    throw new WriteCheckError('the bytes read back differ from those written')
  const problem = verify?.(back)
  if (problem) throw new WriteCheckError(`the file read back is not valid: ${problem}`)
}

/** Makes the rename itself durable: a power cut right after it must not bring the old name back. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null)
  // Some file systems (and Windows) cannot open or fsync a folder; the rename is still atomic.
  await handle?.sync().catch(() => {})
  await handle?.close()
}

/** "2026-11-26T10-04-05-123Z": an instant that sorts by time and is a valid file name everywhere. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * The longest start of `text` that fits in `maxBytes` of UTF-8, cut between whole characters
 * (grapheme clusters: a Devanagari syllable or an emoji with its modifiers stays whole).
 * File systems limit names in bytes (255 on most), and a CJK letter takes three.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let bytes = 0
  let end = 0
  for (const { segment, index } of graphemes.segment(text)) {
    bytes += Buffer.byteLength(segment)
    if (bytes > maxBytes) break
    end = index + segment.length
  }
  return text.slice(0, end)
}
