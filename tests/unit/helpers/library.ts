/** Real temporary folders and a predictable clock for the library service tests. */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect } from 'vitest'
import { ChronotesError, type ErrorCode } from '../../../src/shared/errors'

/** A fresh folder under the system temp folder, removed after the test that asked for it. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-unit-'))
    made.push(dir)
    return dir
  }
}

/** A clock that moves one second on at every call, so that backup and trash stamps always differ. */
export function steppingClock(from = '2025-01-01T00:00:00.000Z'): () => Date {
  let now = Date.parse(from)
  return () => new Date((now += 1000))
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The ChronotesError a promise rejects with, after checking its code. */
export async function rejection(promise: Promise<unknown>, code: ErrorCode): Promise<ChronotesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ChronotesError)
  expect((error as ChronotesError).code).toBe(code)
  return error as ChronotesError
}

/** Files in a folder that are left-over temporary files of a write ("x.chronotes.json.<pid>-<n>.tmp", or older "x.chronotes.json.123456"). */
export async function strayTempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /\.chronotes\.json\.\d+$|\.\d+-\d+\.tmp$/.test(f))
}

/** The id of a process that has just exited: what a killed writer's temp file names. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid!
}
