import { nextTask } from '@shared/next-task'

/** How long a slice of background work may hold the main thread: well under a frame. */
const SLICE_MS = 8
/** How long background work waits after the last step of a zoom or pan: a gesture's steps come closer. */
export const CALM_MS = 250

let heldUntil = 0

/** The user is zooming or panning: background work waits until they have stopped for a moment. */
export function holdBackgroundWork(): void {
  heldUntil = performance.now() + CALM_MS
}

/**
 * Runs one slice of background work (indexing a document just opened) in a task of its own, and
 * tells `work` when to stop. While the user zooms or pans it waits: a zoom step at 100,000 events
 * already takes about two frames of work, and a slice beside it made those frames late (zoom p95
 * 117–233 ms while the search index was built, 50–67 ms after).
 */
export function nextBackgroundSlice(work: (stop: () => boolean) => void): void {
  setTimeout(() =>
    afterHold(() => {
      const until = performance.now() + SLICE_MS
      work(() => performance.now() > until)
    })
  )
}

/**
 * The next task in which background work may run, for work that comes in pieces of its own (a
 * large timeline's parts, read while its outline is zoomed): at once, without setTimeout's 4 ms
 * wait after a few in a row, unless the user is zooming or panning.
 */
export function nextBackgroundTask(): Promise<void> {
  return new Promise((resolve) => void nextTask().then(() => afterHold(resolve)))
}

/** Runs `run` now, or once a zoom or pan has stopped for a moment (checked again after each wait). */
function afterHold(run: () => void): void {
  const wait = heldUntil - performance.now()
  if (wait > 0) setTimeout(() => afterHold(run), wait)
  else run()
}
