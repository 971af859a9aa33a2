import type { TimelineItem } from '@shared/model/schema'
import { eventSource } from '@shared/view/filter'
import type { BuiltWords } from '@shared/view/search-build'
import type { SearchBuildReply, SearchBuildRequest } from './search-protocol'

/** How long one slice of reading events' text may hold the main thread. */
const SLICE_MS = 8

/**
 * Builds the words and the date order of `count` events in the search worker: the page only
 * reads each event's text (`itemAt(i)`, in short slices) and posts it; the worker normalizes,
 * splits, indexes and sorts.
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
    worker.onmessage = ({ data }: MessageEvent<SearchBuildReply>) => finish(data.built)
    worker.onerror = (event) => {
      event.preventDefault()
      finish(null)
    }
    const post = (request: SearchBuildRequest) => worker.postMessage(request)
    const step = () => {
      if (over) return
      const until = performance.now() + SLICE_MS
      const texts: (string | null)[] = []
      const starts: number[] = []
      const startTexts: string[] = []
      while (position < count && (texts.length % 256 !== 0 || performance.now() < until)) {
        const item = itemAt(position)
        texts.push(item ? eventSource(item) : null)
        starts.push(startOf(position))
        startTexts.push(item?.start ?? '')
        position++
      }
      post({ type: 'texts', texts, starts, startTexts })
      if (position < count) setTimeout(step, 0)
      else post({ type: 'build' })
    }
    if (signal.aborted) finish(null)
    else step()
  })
}
