import type { TimelineItem } from '@shared/model/schema'
import { eventSource } from '@shared/view/filter'
import type { BuiltWords, EventTexts } from '@shared/view/search-build'
import { nextBackgroundSlice } from './background-slices'
import type { SearchBuildReply, SearchBuildRequest } from './search-protocol'

/**
 * How much text one message carries at most: posting copies it, about 5 ms per million
 * characters here, and that copy is part of the slice's time.
 */
const POST_CHARS = 200_000

/**
 * Builds the words and the date order of `count` events in the search worker: the page only
 * reads each event's text (`itemAt(i)`, in short slices, paused while the user zooms or pans) and posts it; the
 * worker normalizes, splits, indexes and sorts.
 * Resolves null where no worker can run (then the caller indexes in slices here), and null
 * too when `signal` aborts (another document opened meanwhile): the worker is ended at once.
 */
export function buildSearchOffThread(
  count: number,
  itemAt: (position: number) => TimelineItem | undefined,
  startOf: (position: number) => number,
  signal: AbortSignal
): Promise<BuiltWords | null> {
  let worker: Worker
  try {
    worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' })
  } catch {
    return Promise.resolve(null)
  }
  return new Promise((resolve) => {
    let position = 0
    let over = false
    const finish = (built: BuiltWords | null) => {
      over = true
      signal.removeEventListener('abort', abort)
      worker.terminate()
      resolve(built)
    }
    const abort = () => finish(null)
    signal.addEventListener('abort', abort)
    const words: string[] = []
    worker.onmessage = ({ data }: MessageEvent<SearchBuildReply>) => {
      if (data.type === 'words') words.push(...data.words)
      else finish({ ...data.built, words })
    }
    worker.onerror = (event) => {
      event.preventDefault()
      finish(null)
    }
    const post = (request: SearchBuildRequest) => worker.postMessage(request)
    /** The next events' text: up to POST_CHARS of it, fewer once the slice is over, at least one event. */
    const next = (stop: () => boolean): EventTexts => {
      const texts: (string | null)[] = []
      const starts: number[] = []
      const startTexts: string[] = []
      let chars = 0
      do {
        const item = itemAt(position)
        const text = item ? eventSource(item) : null
        texts.push(text)
        starts.push(startOf(position))
        startTexts.push(item?.start ?? '')
        chars += text?.length ?? 0
        position++
      } while (position < count && chars < POST_CHARS && (texts.length % 64 !== 0 || !stop()))
      return { texts, starts, startTexts }
    }
    const slice = (stop: () => boolean) => {
      if (over) return
      while (position < count && !stop()) post({ type: 'texts', ...next(stop) })
      if (position < count) nextBackgroundSlice(slice)
      else post({ type: 'build' })
    }
    if (signal.aborted) finish(null)
    else nextBackgroundSlice(slice)
  })
}
