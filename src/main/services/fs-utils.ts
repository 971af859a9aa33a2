import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'

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
 * Writes a temporary file beside the target, flushes it to disk and renames it over the target:
 * a crash or power cut leaves the old version or the new one, never a torn file.
 */
export async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(path, data, { fsync: true })
}

/** "2026-11-26T10-04-05-123Z": an instant that sorts by time and is a valid file name everywhere. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}
