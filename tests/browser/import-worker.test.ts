/**
 * Issue 10: a colleague's large file is read off the main thread, in a worker, and can be
 * cancelled. Its result is the same as reading it in the page; the page keeps drawing frames
 * while it is read; a cancelled read ends with CANCELLED and nothing else.
 */
import { expect, test } from 'vitest'
import { importFile } from '@shared/codecs'
import { ChronotesError } from '@shared/errors'
import { readFileOffThread } from '@renderer/workers/read-file'
import { largeDatasetText } from './large-dataset'

const NOW = new Date('2026-01-02T03:04:05.000Z')

const bytes = new TextEncoder().encode(largeDatasetText())

test('reads a large Chronotes file in a worker, to the same result, while the page keeps drawing frames', async () => {
  let frames = 0
  let drawing = true
  const tick = () => {
    frames++
    if (drawing) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  const result = await readFileOffThread(bytes, 'large.chronotes.json', { now: NOW })
  drawing = false
  expect(result.status).toBe('ok')
  expect(result).toEqual(importFile(bytes, 'large.chronotes.json', { now: NOW }))
  // Read in the page, the read would have held the main thread: no frame in between.
  expect(frames).toBeGreaterThan(0)
})

test('a cancelled read ends with CANCELLED, and a read cancelled before it starts never starts', async () => {
  const controller = new AbortController()
  const reading = readFileOffThread(bytes, 'large.chronotes.json', { now: NOW }, controller.signal)
  controller.abort()
  const error = await reading.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ChronotesError)
  expect((error as ChronotesError).code).toBe('CANCELLED')
  expect((error as ChronotesError).message).toContain('large.chronotes.json')
  await expect(readFileOffThread(bytes, 'x.csv', { now: NOW }, controller.signal)).rejects.toMatchObject({
    code: 'CANCELLED'
  })
})

test('a file that cannot be read comes back as problems from the worker, as in the page', async () => {
  const broken = new TextEncoder().encode('{"format": "chronotes", "items": [')
  const result = await readFileOffThread(broken, 'broken.chronotes.json', { now: NOW })
  expect(result).toEqual(importFile(broken, 'broken.chronotes.json', { now: NOW }))
  expect(result.status).toBe('failed')
})
