import { findItems } from '@shared/model/document-parts'
import type { DocumentReply } from './document-protocol'

const reply = (data: DocumentReply, transfer: Transferable[] = []) => self.postMessage(data, { transfer })

/**
 * Finds where an opened document's events lie in its bytes, off the window's main thread (a
 * pass over 130 MB at 100,000 events), and hands the bytes back with what it found.
 */
self.onmessage = ({ data: bytes }: MessageEvent<Uint8Array>) => {
  reply({ type: 'read', bytes, layout: findItems(bytes) }, [bytes.buffer])
}

reply({ type: 'ready' })
