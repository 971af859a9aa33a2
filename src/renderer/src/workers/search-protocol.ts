import type { BuiltWords, EventTexts } from '@shared/view/search-build'

/** What the page sends the search worker: event texts as written (in slices), then "build". */
export type SearchBuildRequest = ({ type: 'texts' } & EventTexts) | { type: 'build' }

/**
 * What the worker sends back: the words a part at a time, then the rest of the build. Read in one
 * message, 200,000 words made the build's arrival at 100,000 events a task of 45 ms; in parts, 36.
 */
export type SearchBuildReply = { type: 'words'; words: string[] } | { type: 'built'; built: Omit<BuiltWords, 'words'> }
