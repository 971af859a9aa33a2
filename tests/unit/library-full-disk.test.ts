/**
 * Issue 9, item 1: "a full disk corrupts the file and reports success". On a real 2 MiB tmpfs,
 * many saves of sizes around the free space: every save either leaves the new version or fails
 * with a plain error and the old version byte for byte; no backup is ever cut off; no temporary
 * file is left. Where mounting is not permitted, a fault-injecting file handle (short writes, then
 * ENOSPC) stands in for the full disk, so that the test still runs.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LibraryService, STATE_DIR } from '../../src/main/services/library-service'
import { ChronotesError } from '../../src/shared/errors'
import { readDocument, serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { makeDocument } from './helpers/documents'
import { strayTempFiles } from './helpers/library'

/** The stand-in for a full disk where no tmpfs can be mounted: a budget of bytes each write may use. */
const fault = vi.hoisted(() => ({ budget: null as number | null }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const open: typeof real.open = async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args)
    if (fault.budget === null) return handle
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>
    return Object.assign(handle, {
      // As a full disk does: a short write while space lasts, then ENOSPC.
      write: async (buffer: Buffer, offset: number, length: number, position: number) => {
        if (fault.budget === 0)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
        const allowed = Math.min(length, fault.budget!)
        fault.budget! -= allowed
        return write(buffer, offset, allowed, position)
      }
    })
  }
  return { ...real, open, default: { ...real, open } }
})

const DISK_BYTES = 2 * 1024 * 1024
let work: string
let root: string
let mounted = false

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'chronotes-full-disk-'))
  root = join(work, 'Library')
  await mkdir(root)
  try {
    // CHRONOTES_TEST_NO_MOUNT=1 runs the fault-injecting stand-in even where mounting works.
    if (process.env['CHRONOTES_TEST_NO_MOUNT']) throw new Error('CHRONOTES_TEST_NO_MOUNT is set')
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_BYTES}`, 'tmpfs', root], { stdio: 'pipe' })
    mounted = true
  } catch (error) {
    console.info(
      `library-full-disk: cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]}); using a fault-injecting file handle instead`
    )
  }
})

afterAll(async () => {
  if (mounted) execFileSync('umount', [root])
  await rm(work, { recursive: true, force: true })
})

/** A valid document whose file is about `bytes` long. */
function documentOfSize(bytes: number, version: number): TimelineDocument {
  const chunk = 150_000
  const doc = makeDocument({ title: `Version ${version}`, items: Math.max(1, Math.ceil(bytes / chunk)) })
  const base = Buffer.byteLength(serializeDocument(doc))
  let missing = Math.max(0, bytes - base)
  for (const item of doc.items) {
    const add = Math.min(missing, chunk)
    item.description = 'x'.repeat(add)
    missing -= add
  }
  return doc
}

async function freeBytes(): Promise<number> {
  const info = await statfs(root)
  return info.bavail * info.bsize
}

/** Every backup is a whole document that was once on disk; the count of them. */
async function checkBackups(name: string, everOnDisk: Set<string>): Promise<number> {
  const dir = join(root, STATE_DIR, 'backups', name)
  const files = await readdir(dir).catch(() => [] as string[])
  expect(files.filter((f) => !f.endsWith('.json'))).toEqual([])
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8')
    expect(readDocument(text).ok, `backup ${file} is cut off (${text.length} bytes)`).toBe(true)
    expect(everOnDisk.has(text)).toBe(true)
  }
  return files.length
}

describe('saving on a full disk', () => {
  it('never leaves a truncated document or backup, and reports every failure', async () => {
    const service = new LibraryService({ root, backupsToKeep: 1 })
    await service.start()
    const created = await service.create('Full disk')
    const name = created.name
    let onDisk = serializeDocument(created.document)
    let revision = created.revision
    const everOnDisk = new Set([onDisk])
    const outcomes = { saved: 0, failed: 0 }
    const messages = new Set<string>()

    const filler = join(root, 'filler')
    for (let attempt = 0; attempt < 60; attempt++) {
      // The free space is set (by a filler file) to what this save needs, a backup of the old
      // version plus the new one, give or take up to 48 KB: saves of every size around the free space.
      const next = documentOfSize(60_000 + (attempt % 7) * 40_000, attempt)
      const text = serializeDocument(next)
      // The old backup is rotated out after the new backup is written and before the new version is.
      const backups = join(root, STATE_DIR, 'backups', name)
      const rotated = (await readdir(backups).catch(() => [] as string[])).length ? Buffer.byteLength(onDisk) : 0
      const previousBackup = rotated && Buffer.byteLength([...everOnDisk].at(-2) ?? '')
      const needed = Math.max(
        Buffer.byteLength(onDisk),
        Buffer.byteLength(onDisk) - previousBackup + Buffer.byteLength(text)
      )
      const delta = ((attempt % 13) - 6) * 8 * 1024
      if (mounted) {
        await rm(filler, { force: true })
        await writeFile(filler, Buffer.alloc(Math.max(0, (await freeBytes()) - needed - delta)))
      } else fault.budget = Math.max(0, Buffer.byteLength(onDisk) + Buffer.byteLength(text) + delta) // no space is given back
      const result = await service.save(name, next, { baseRevision: revision }).then(
        (saved) => saved,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error)))
      )
      fault.budget = null
      const now = await readFile(join(root, name), 'utf8')
      if (result instanceof Error) {
        outcomes.failed++
        expect(result).toBeInstanceOf(ChronotesError)
        expect((result as ChronotesError).code).toBe('IO')
        messages.add((result as ChronotesError).message)
        expect(now, 'a failed save must leave the old version, byte for byte').toBe(onDisk)
      } else {
        outcomes.saved++
        expect(now).toBe(text)
        onDisk = text
        revision = result.revision
        everOnDisk.add(text)
      }
      await checkBackups(name, everOnDisk)
      expect(await strayTempFiles(root)).toEqual([])
      expect(await strayTempFiles(join(root, STATE_DIR, 'backups', name))).toEqual([])
    }

    // With no space at all, the backup itself fails, and leaves nothing behind.
    if (mounted) {
      await rm(filler, { force: true })
      await writeFile(filler, Buffer.alloc(Math.max(0, (await freeBytes()) - 4096))).catch(() => {})
      const small = documentOfSize(3_000, 99)
      const error = await service.save(name, small, { baseRevision: revision }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ChronotesError)
      messages.add((error as ChronotesError).message)
      expect(await readFile(join(root, name), 'utf8')).toBe(onDisk)
      await checkBackups(name, everOnDisk)
      await rm(filler)
    }
    console.info(
      `full disk (${mounted ? '2 MiB tmpfs' : 'fault-injected'}): ${outcomes.saved} saved, ${outcomes.failed} refused with a message; 0 truncated documents or backups. Messages:\n  ${[...messages].join('\n  ')}`
    )
    expect(outcomes.saved).toBeGreaterThan(0)
    expect(outcomes.failed).toBeGreaterThan(0)
    for (const message of messages) expect(message).toMatch(/previous version is intact/)
  }, 120_000)
})
