import type { ItemsLayout } from '@shared/model/document-parts'

/** What the document worker sends back: `ready` once loaded, then the bytes with their layout. */
export type DocumentReply = { type: 'ready' } | { type: 'read'; bytes: Uint8Array; layout: ItemsLayout | null }
