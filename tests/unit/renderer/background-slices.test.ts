/**
 * Issue 10: background work (indexing a document just opened) runs in short slices, and waits
 * while the user zooms or pans, so that it never lands beside a frame of the gesture.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import {
  CALM_MS,
  holdBackgroundWork,
  nextBackgroundSlice,
  nextBackgroundTask
} from '@renderer/workers/background-slices'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
})
afterEach(() => vi.useRealTimers())

test('a slice runs in a task of its own and is told to stop after a few milliseconds', () => {
  const stops: boolean[] = []
  nextBackgroundSlice((stop) => {
    stops.push(stop())
    vi.advanceTimersByTime(4)
    stops.push(stop())
    vi.advanceTimersByTime(5)
    stops.push(stop())
  })
  expect(stops).toEqual([]) // not in the caller's task
  vi.advanceTimersByTime(0)
  expect(stops).toEqual([false, false, true])
})

test('while a zoom goes on the slice waits, and runs once it has stopped for a moment', () => {
  let ran = 0
  holdBackgroundWork()
  nextBackgroundSlice(() => ran++)
  // A zoom: a step every 50 ms for two seconds.
  for (let step = 0; step < 40; step++) {
    vi.advanceTimersByTime(50)
    holdBackgroundWork()
    expect(ran).toBe(0)
  }
  vi.advanceTimersByTime(CALM_MS - 1)
  expect(ran).toBe(0)
  vi.advanceTimersByTime(1)
  expect(ran).toBe(1)
})

test('work in pieces of its own (a large timeline read in parts) goes on in the next task, and waits while a zoom goes on', async () => {
  // No hold left from an earlier gesture (the hold is the module's; this clock starts again).
  holdBackgroundWork()
  vi.advanceTimersByTime(CALM_MS)
  // The next task is a message, not a timer: it comes with no timer advanced.
  await nextBackgroundTask()
  let resumed = false
  holdBackgroundWork()
  void nextBackgroundTask().then(() => (resumed = true))
  // The message's task comes (a real one, a few turns of Node's loop later), then the hold keeps
  // it waiting on the (fake) clock.
  for (let turn = 0; turn < 10; turn++) await new Promise((done) => setImmediate(done))
  expect(resumed).toBe(false)
  vi.advanceTimersByTime(CALM_MS - 1)
  await Promise.resolve()
  expect(resumed).toBe(false)
  vi.advanceTimersByTime(1)
  await Promise.resolve()
  expect(resumed).toBe(true)
})
