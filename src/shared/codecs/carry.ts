/**
 * What each format cannot carry, checked by tests/unit/codecs-roundtrip-property.test.ts: a
 * document written in a format and read back is equal in everything else. (An event read from a
 * file also gets a provenance record saying where and when it was imported; that is not a loss.)
 */
import type { FormatId } from './types'

export type CarryLoss =
  | 'document id'
  | 'document created and updated times'
  | 'document title and description'
  | 'lanes without events'
  | 'ids of events, lanes and notes'
  | 'lane colours and order'
  | 'events’ created and updated times'
  | 'background events (read as ranges)'
  | 'note times finer than the minute'
  | 'ranges that end where they start (read as points)'

export const CANNOT_CARRY: Partial<Record<FormatId, readonly CarryLoss[]>> = {
  chronotes: [],
  csv: ['document id', 'document created and updated times', 'document title and description', 'lanes without events'],
  'timelinejs-json': ['document id', 'document created and updated times', 'lanes without events'],
  'timelinejs-sheet': ['document id', 'document created and updated times', 'lanes without events'],
  'timesketch-csv': ['document id', 'document created and updated times', 'lanes without events'],
  'timesketch-jsonl': ['document id', 'document created and updated times', 'lanes without events'],
  // A chronology for people: what it shows comes back, its bookkeeping does not.
  markdown: [
    'document id',
    'document created and updated times',
    'lanes without events',
    'ids of events, lanes and notes',
    'lane colours and order',
    'events’ created and updated times',
    'background events (read as ranges)',
    'note times finer than the minute',
    'ranges that end where they start (read as points)'
  ]
}
