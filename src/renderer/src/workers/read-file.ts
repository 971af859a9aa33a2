import { importFile, type ImportContext } from '@shared/codecs'
import type { ReadResult } from '@shared/codecs/types'
import { ChronotesError } from '@shared/errors'
import type { ImportReply, ImportRequest } from './import-protocol'

/**
 * Reads a colleague's file in a worker (import-worker.ts), so that a large one does not freeze
 * the window; `signal` cancels it by ending the worker (CANCELLED). Where no worker can be
 * started (a page without workers), it reads here, as before.
 */
export function readFileOffThread(
  bytes: Uint8Array,
  fileName: string,
  context: ImportContext,
  signal?: AbortSignal
): Promise<ReadResult> {
  if (signal?.aborted) return Promise.reject(cancelled(fileName))
  let worker: Worker
  try {
    worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'import' })
  } catch {
    return Promise.resolve(importFile(bytes, fileName, context))
  }
  return new Promise<ReadResult>((resolve, reject) => {
    let started = false
    const finish = () => {
      worker.terminate()
      signal?.removeEventListener('abort', abort)
    }
    const abort = () => {
      finish()
      reject(cancelled(fileName))
    }
    signal?.addEventListener('abort', abort)
    worker.onmessage = ({ data }: MessageEvent<ImportReply>) => {
      started = true
      if (data.type !== 'done') return
      finish()
      resolve(data.result)
    }
    // The worker could not be loaded (started is false): read here instead. After it started,
    // importFile does not throw, so an error there is a bug worth its message.
    worker.onerror = (event) => {
      event.preventDefault()
      finish()
      if (!started) resolve(importFile(bytes, fileName, context))
      else reject(new ChronotesError('INTERNAL', `Reading “${fileName}” failed: ${event.message}`))
    }
    const request: ImportRequest = {
      bytes,
      fileName,
      now: context.now.toISOString(),
      ...(context.mapping ? { mapping: context.mapping } : {}),
      ...(context.format ? { format: context.format } : {})
    }
    worker.postMessage(request)
  })
}

function cancelled(fileName: string): ChronotesError {
  return new ChronotesError('CANCELLED', `Reading “${fileName}” was cancelled. Nothing was imported.`)
}
