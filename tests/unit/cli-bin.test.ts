/**
 * The installed path: `node bin/chronotes.mjs …` in a child process, as `npm install -g` or
 * `npm run chronotes --` runs it. The bin builds out/cli when it is missing; this test also asks
 * for a rebuild when the build is older than the sources, so that it never tests a stale CLI.
 */
import { execFile } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { copyFile, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { readDocument } from '../../src/shared/model/document'
import { useTempDirs } from './helpers/library'

const ROOT = resolve('.')
const BIN = join(ROOT, 'bin/chronotes.mjs')
const BUILT = join(ROOT, 'out/cli/chronotes.js')
const DATASET = join(ROOT, 'resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json')

const tempDir = useTempDirs()

function newestSource(path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))))
}

function isStale(): boolean {
  try {
    const built = statSync(BUILT).mtimeMs
    const sources = ['src/cli', 'src/shared', 'src/main/services', 'scripts/build-cli.mjs']
    return sources.some((source) => newestSource(join(ROOT, source)) > built)
  } catch {
    return false // missing: the bin builds it
  }
}

async function chronotes(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...(isStale() ? { CHRONOTES_REBUILD: '1' } : {}) }
  return promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error
  )
}

it('runs as the installed bin: convert, validate, merge and a usage error', { timeout: 120_000 }, async () => {
  const dir = await tempDir()
  await copyFile(DATASET, join(dir, 'mine.chronotes.json'))

  const convert = await chronotes(dir, 'convert', 'mine.chronotes.json', '--to', 'csv', '-o', 'theirs.csv')
  expect(convert.stderr).toBe('')
  expect(convert.code).toBe(0)
  expect(convert.stdout).toBe('theirs.csv: 88 events written as csv (read mine.chronotes.json as chronotes)\n')

  const merge = await chronotes(
    dir,
    'merge',
    'mine.chronotes.json',
    'theirs.csv',
    '-o',
    'merged.chronotes.json',
    '--json'
  )
  expect(merge.code).toBe(0)
  expect(JSON.parse(merge.stdout)).toMatchObject({ written: true, problems: [], summary: { eventsAfter: 88 } })
  const merged = readDocument(await readFile(join(dir, 'merged.chronotes.json'), 'utf8'))
  expect(merged.ok && merged.document.items.length).toBe(88)

  const validate = await chronotes(dir, 'validate', 'merged.chronotes.json')
  expect([validate.code, validate.stdout]).toEqual([0, 'merged.chronotes.json: valid, 88 events\n'])

  const usage = await chronotes(dir, 'convert', 'mine.chronotes.json', '--to', 'xlsx', '-o', 'x')
  expect(usage.code).toBe(2)
  expect(usage.stderr).toContain('unknown format "xlsx"')
})
