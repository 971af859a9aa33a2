import { readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { parseTempFile } from './fs-utils'

/** What write-file-atomic (used before writeFileVerified) left: "name.chronotes.json.<hash>". */
const LEGACY_TEMP = /^(.+\.chronotes\.json)\.\d+$/

/**
 * Removes the temporary files that saves killed part-way left in `dir` (of one document, or of
 * all), whatever their age: they are never the document itself, only a torn copy of it. A temp
 * file a live writer is still filling is kept: its writer's process is alive and holds the
 * document's lock. `lockHeld` tells whether a temp file's document is locked now; it is 'held'
 * when the caller itself holds the lock for everything in `dir`.
 */
export async function removeStaleTempFiles(
  dir: string,
  lockHeld: ((target: string) => Promise<boolean>) | 'held',
  only?: string
): Promise<number> {
  let removed = 0
  for (const file of await readdir(dir)) {
    const temp = parseTempFile(file) ?? legacyTemp(file)
    if (!temp || (only !== undefined && temp.target !== only)) continue
    if (lockHeld !== 'held' && (await writerLives(temp, lockHeld))) continue
    await unlink(join(dir, file)).then(
      () => removed++,
      () => {}
    )
  }
  return removed
}

function legacyTemp(file: string): { target: string; pid?: number } | null {
  const match = LEGACY_TEMP.exec(file)
  return match ? { target: match[1]! } : null
}

async function writerLives(
  temp: { target: string; pid?: number },
  lockHeld: (target: string) => Promise<boolean>
): Promise<boolean> {
  if (temp.pid !== undefined && !processLives(temp.pid)) return false
  return lockHeld(temp.target)
}

/** Whether a process of that id runs on this machine (EPERM: it does, as another user). */
function processLives(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
