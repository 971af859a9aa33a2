import type { BuiltWords, EventTexts } from '@shared/view/search-build'

/** What the page sends the search worker: event texts as written (in slices), then "build". */
export type SearchBuildRequest = ({ type: 'texts' } & EventTexts) | { type: 'build' }

/**
 * What the worker sends back: the words a part at a time, then the rest of the build. Tens of
 * thousands of strings in one message took the page 200 ms to read at 100,000 events, in one task.
 */
export type SearchBuildReply = { type: 'words'; words: string[] } | { type: 'built'; built: Omit<BuiltWords, 'words'> }
