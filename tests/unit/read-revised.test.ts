/**
 * Reading a document with its revision in one pass (hashed while read, in steps): the bytes and
 * the SHA-256 are exactly those of the file, at any length, and a link is never followed.
 */
import { randomBytes } from 'node:crypto'
import { symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRevisedNoFollow } from '../../src/main/services/fs-utils'
import { sha256, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

describe('readRevisedNoFollow', () => {
  // Empty, one short step, exactly one 8 MB step, and several steps with a short last one.
  it.each([0, 1_000, 8 << 20, (8 << 20) * 2 + 12_345])('reads %i bytes and their SHA-256', async (length) => {
    const path = join(await tempDir(), 'doc.chronotes.json')
    const bytes = randomBytes(length)
    await writeFile(path, bytes)
    const read = await readRevisedNoFollow(path)
    expect(read!.bytes.equals(bytes)).toBe(true)
    expect(read!.revision).toBe(sha256(bytes))
  })

  it('answers null for no file, and refuses a link', async () => {
    const dir = await tempDir()
    expect(await readRevisedNoFollow(join(dir, 'missing.json'))).toBeNull()
    await writeFile(join(dir, 'outside.json'), '{}')
    await symlink(join(dir, 'outside.json'), join(dir, 'link.chronotes.json'))
    await expect(readRevisedNoFollow(join(dir, 'link.chronotes.json'))).rejects.toMatchObject({ code: 'ELOOP' })
  })
})
