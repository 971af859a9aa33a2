// First: zod must not generate code (the page's CSP refuses it; see zod-jitless.ts).
import '@shared/zod-jitless'
import { importFile } from '@shared/codecs'
import type { ImportRequest, ImportReply } from './import-protocol'

/**
 * Reads a colleague's file off the renderer's main thread: decoding, parsing and validating a
 * large file (100 MB, 100,000 events) takes seconds, during which the window stays responsive
 * and the read can be cancelled (the page ends this worker).
 */
self.onmessage = (message: MessageEvent<ImportRequest>) => {
  const { bytes, fileName, now, mapping, format } = message.data
  const reply = (data: ImportReply) => self.postMessage(data)
  reply({ type: 'progress', phase: 'reading' })
  const result = importFile(bytes, fileName, {
    now: new Date(now),
    ...(mapping ? { mapping } : {}),
    ...(format ? { format } : {})
  })
  reply({ type: 'done', result })
}
