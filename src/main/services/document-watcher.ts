import { watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'
import { readRevisedNoFollow } from './fs-utils'

/** The open document's file was changed (or removed) by another program. */
export interface ExternalChange {
  name: string
  deleted: boolean
}

/** Revisions of the followed document that are the app's own (opened or saved), most recent last. */
const REMEMBERED = 20

/**
 * Watches the library folder for changes to the open document's file, so that another program's
 * save is noticed when it happens, not at the next save. The folder is watched, not the file: a
 * save replaces the file by renaming, which a watch on the file itself would lose. Our own saves
 * are recognised by their revision, so they are never reported.
 */
export class DocumentWatcher {
  private watcher: FSWatcher | null = null
  private followed: { name: string; revisions: string[] } | null = null
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly root: string,
    private readonly onChange: (change: ExternalChange) => void,
    /** Told after each look at the file: whether it was a version of ours or another program's. */
    private readonly onCheck?: (outcome: 'ours' | 'theirs') => void,
    private readonly debounceMs = 100
  ) {}

  start(): void {
    try {
      this.watcher = watch(this.root, (_event, file) => {
        if (file && file.toString() === this.followed?.name) this.schedule()
      })
      this.watcher.on('error', () => this.stop())
    } catch {
      // A folder that cannot be watched (some network shares): changes are still caught at the next save.
      this.watcher = null
    }
  }

  stop(): void {
    clearTimeout(this.timer)
    this.watcher?.close()
    this.watcher = null
  }

  /** From now on, `name` is the open document, and `revision` is a version of it the app knows. */
  follow(name: string, revision: string): void {
    if (this.followed?.name !== name) this.followed = { name, revisions: [] }
    this.followed.revisions = [...this.followed.revisions.slice(1 - REMEMBERED), revision]
  }

  /** The app itself moves the document away (rename, trash): that is not another program's change. */
  unfollow(name: string): void {
    if (this.followed?.name === name) this.followed = null
  }

  // Debounced: a save by another program is several events (write, rename), reported once.
  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.check(), this.debounceMs)
  }

  private async check(): Promise<void> {
    const followed = this.followed
    if (!followed) return
    const file = await readRevisedNoFollow(join(this.root, followed.name)).catch(() => undefined)
    if (file === undefined || this.followed !== followed) return
    const revision = file ? file.revision : 'deleted'
    if (followed.revisions.includes(revision)) return this.onCheck?.('ours')
    this.onCheck?.('theirs')
    // Reported once: the same version on disk is not news the second time.
    this.follow(followed.name, revision)
    this.onChange({ name: followed.name, deleted: file === null })
  }
}
