import { lstat, mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { TimelineDocument } from '../../shared/model/schema'
import { OUTLINE_FROM, outlineText } from '../../shared/view/outline'
import { readNoFollow, writeFileVerified } from './fs-utils'

/** Which version of a document file an outline was made from: its size and modification time. */
interface Stamp {
  size: number
  mtimeMs: number
}

/**
 * The outlines of a library's large timelines (see shared/view/outline.ts), one file each in the
 * per-user folder: a line with the stamp of the document file it was made from, then the outline.
 * An outline is only handed out while its document's file still has that stamp. It is a cache:
 * failing to write or read one never fails a save or an open.
 */
export class DocumentOutlines {
  /** `dir`: this library's outline folder in the per-user folder; null keeps none (the CLI). */
  constructor(private readonly dir: string | null) {}

  /** After `document` was written to `path`: its outline if it is large, else no outline at all. */
  async write(name: string, path: string, document: TimelineDocument): Promise<void> {
    if (!this.dir) return
    if (document.items.length < OUTLINE_FROM) return this.forget(name)
    try {
      const stamp = await stampOf(path)
      await mkdir(this.dir, { recursive: true })
      await writeFileVerified(this.fileOf(name), `${JSON.stringify(stamp)}\n${outlineText(document)}`)
    } catch {
      await this.forget(name)
    }
  }

  /** The outline of the document at `path`, as the bytes of its text; null if there is none for the file as it is now. */
  async read(name: string, path: string): Promise<Buffer | null> {
    if (!this.dir) return null
    const bytes = await readNoFollow(this.fileOf(name)).catch(() => null)
    const newline = bytes?.indexOf(0x0a) ?? -1
    if (!bytes || newline < 0) return null
    const current = await stampOf(path).catch(() => null)
    try {
      const stamp = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Stamp
      if (!current || stamp.size !== current.size || stamp.mtimeMs !== current.mtimeMs) return null
    } catch {
      return null
    }
    return bytes.subarray(newline + 1)
  }

  async forget(name: string): Promise<void> {
    if (this.dir) await unlink(this.fileOf(name)).catch(() => {})
  }

  private fileOf(name: string): string {
    return join(this.dir!, `${name}.outline`)
  }
}

async function stampOf(path: string): Promise<Stamp> {
  const { size, mtimeMs } = await lstat(path)
  return { size, mtimeMs }
}
