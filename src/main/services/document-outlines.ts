import { lstat, mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { TimelineDocument } from '../../shared/model/schema'
import { OUTLINE_FROM, outlineText } from '../../shared/view/outline'
import { readNoFollow, writeFileVerified } from './fs-utils'

/** Which version of a document file an outline was made from: its size and modification time. */
export interface Stamp {
  size: number
  mtimeMs: number
}

/**
 * The outlines of a library's large timelines (see shared/view/outline.ts), one file each in the
 * per-user folder: a line with the stamp of the document file it was made from, then the outline.
 * An outline is only handed out while its document's file still has that stamp. It is a cache:
 * failing to write or read one never fails a save or an open.
 *
 * Making one takes about 0.6 s at 100,000 events, so it is made after the save has answered, one
 * at a time per document: a save made meanwhile replaces the one waiting.
 */
export class DocumentOutlines {
  /** The outline being made for each document, if any. */
  private readonly pending = new Map<string, Promise<void>>()

  /** `dir`: this library's outline folder in the per-user folder; null keeps none (the CLI). */
  constructor(private readonly dir: string | null) {}

  /** `document` was just written to `path`: its outline follows if it is large, else it has none. */
  async written(name: string, path: string, document: TimelineDocument): Promise<void> {
    if (!this.dir) return
    if (document.items.length < OUTLINE_FROM) return this.forget(name)
    // Stamped now, with the file as this save left it: should another program write it before the
    // outline is made, the outline is never handed out for that version.
    const stamp = await stampOf(path).catch(() => null)
    if (!stamp) return this.forget(name)
    const job: Promise<void> = (this.pending.get(name) ?? Promise.resolve())
      .then(() => (this.pending.get(name) === job ? this.write(name, stamp, document) : undefined))
      .finally(() => {
        if (this.pending.get(name) === job) this.pending.delete(name)
      })
    this.pending.set(name, job)
  }

  /** The outline of the document at `path`, as the bytes of its text; null if there is none for the file as it is now. */
  async read(name: string, path: string): Promise<Buffer | null> {
    if (!this.dir) return null
    await this.pending.get(name)
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
    if (!this.dir) return
    await this.pending.get(name)
    await unlink(this.fileOf(name)).catch(() => {})
  }

  /** Waits for the outlines being made (before the library stops). */
  async settled(): Promise<void> {
    await Promise.all(this.pending.values())
  }

  private async write(name: string, stamp: Stamp, document: TimelineDocument): Promise<void> {
    try {
      await mkdir(this.dir!, { recursive: true })
      await writeFileVerified(this.fileOf(name), `${JSON.stringify(stamp)}\n${outlineText(document)}`)
    } catch {
      await unlink(this.fileOf(name)).catch(() => {})
    }
  }

  private fileOf(name: string): string {
    return join(this.dir!, `${name}.outline`)
  }
}

async function stampOf(path: string): Promise<Stamp> {
  const { size, mtimeMs } = await lstat(path)
  return { size, mtimeMs }
}
