import { createHash } from 'node:crypto'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { ChronotesError } from '../../shared/errors'

/**
 * A lock older than this (its holder stopped refreshing it: killed, or its machine died) is
 * taken over. proper-lockfile refreshes a held lock every half of it.
 */
export const LOCK_STALE_MS = 5_000

/** One writer per document across processes (the app, the CLI, a second app): a lock folder per document. */
export class DocumentLocks {
  /** `folder` gives (making it if needed) the folder the lock folders go in. */
  constructor(private readonly folder: () => Promise<string>) {}

  /**
   * Runs `work` while holding the document's lock, waiting for another writer to finish (or for
   * its lock to go stale). `held()` says whether the lock is still ours: a process frozen for
   * longer than LOCK_STALE_MS may have lost it, and must then not replace the file.
   */
  async with<T>(name: string, work: (held: () => boolean) => Promise<T>): Promise<T> {
    const folder = await this.folder()
    let lost = false
    const release = await this.acquire(folder, name, () => (lost = true))
    try {
      return await work(() => !lost)
    } finally {
      await release().catch(() => {})
    }
  }

  /**
   * Waits for the lock while another writer holds it, and only then: proper-lockfile's own
   * retries would also retry a read-only or forbidden folder for as long, before saying so.
   */
  private async acquire(folder: string, name: string, onCompromised: () => void): Promise<() => Promise<void>> {
    // Longer in all than a stale lock lives, so that a killed writer's lock is taken over, never waited on for good.
    const deadline = Date.now() + 3 * LOCK_STALE_MS
    for (let wait = 10; ; wait = Math.min(300, wait * 1.5)) {
      try {
        return await lockfile.lock(this.target(folder, name), { ...this.options(folder, name), onCompromised })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
        if (Date.now() > deadline)
          throw new ChronotesError(
            'CONFLICT',
            `"${name}" is being saved by another program. Nothing was changed; try again.`
          )
        await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())))
      }
    }
  }

  /** Whether a live writer (this process or another) holds the document's lock now. */
  async isHeld(name: string): Promise<boolean> {
    const folder = await this.folder()
    return lockfile.check(this.target(folder, name), this.options(folder, name)).catch(() => false)
  }

  // Named by a hash: a document's name may be as long as a file name can be, and ".lock" would not fit.
  private target(folder: string, name: string): string {
    return join(folder, createHash('sha256').update(name).digest('hex').slice(0, 32))
  }

  private options(folder: string, name: string) {
    return { realpath: false, stale: LOCK_STALE_MS, lockfilePath: `${this.target(folder, name)}.lock` }
  }
}
