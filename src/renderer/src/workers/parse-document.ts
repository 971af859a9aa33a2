import { readDate } from '@shared/model/dates'
import { parseInParts, type ItemsLayout } from '@shared/model/document-parts'
import type { TimelineDocument } from '@shared/model/schema'
import { nextBackgroundTask } from './background-slices'
import type { DocumentReply } from './document-protocol'

/** Below this size a document is parsed at once: starting a worker would take longer. */
export const PARSE_IN_PARTS_FROM_BYTES = 1_000_000
/** Events parsed per task, dates read: about 20 ms for 2,000 here (up to 100 with a garbage collection). */
const EVENTS_PER_PART = 2_000

/**
 * The document in `bytes` (UTF-8 JSON that main has validated). Parsed whole, a 100,000-event
 * timeline (130 MB) froze the window for over a second. A large one is parsed in parts instead,
 * a task each, so that the window keeps drawing and answering while it opens: a worker
 * (document-worker.ts) finds where its events lie, and they are parsed here a part at a time,
 * waiting while the user zooms or pans the outline (background-slices.ts).
 * Where no worker can be started, or no events array is found, it is parsed whole, as before.
 */
export async function parseDocument(bytes: Uint8Array): Promise<TimelineDocument> {
  if (bytes.byteLength < PARSE_IN_PARTS_FROM_BYTES) return parseWhole(bytes)
  const found = await findItemsOffThread(bytes)
  if (!found.layout) return parseWhole(found.bytes)
  return parseInParts(found.bytes, found.layout, EVENTS_PER_PART, nextBackgroundTask, readDates)
}

/**
 * Reads each part's dates as it comes (the date parser keeps what it read): the timeline's
 * model, made in one task once the document is in, then finds them read.
 */
function readDates(items: TimelineDocument['items']): void {
  for (const item of items) {
    readDate(item.start)
    if (item.end !== undefined) readDate(item.end)
  }
}

function parseWhole(bytes: Uint8Array): TimelineDocument {
  return JSON.parse(new TextDecoder().decode(bytes)) as TimelineDocument
}

/**
 * The bytes (handed to the worker and back, never copied) with where their events lie; the
 * layout is null where the worker cannot be had (the bytes then stay here).
 */
function findItemsOffThread(bytes: Uint8Array): Promise<{ bytes: Uint8Array; layout: ItemsLayout | null }> {
  const here = { bytes, layout: null }
  let worker: Worker
  try {
    worker = new Worker(new URL('./document-worker.ts', import.meta.url), { type: 'module', name: 'document' })
  } catch {
    return Promise.resolve(here)
  }
  return new Promise((resolve) => {
    worker.onmessage = ({ data }: MessageEvent<DocumentReply>) => {
      if (data.type === 'read') {
        worker.terminate()
        return resolve(data)
      }
      try {
        worker.postMessage(bytes, [bytes.buffer])
      } catch {
        // Bytes that cannot be handed over (a shared buffer) stay here.
        worker.terminate()
        resolve(here)
      }
    }
    // The worker could not be loaded, or failed: the bytes are not handed over before it is
    // ready, and it hands them back before anything can fail, so they are here.
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      resolve(here)
    }
  })
}
