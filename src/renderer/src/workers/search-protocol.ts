import type { BuiltWords, EventTexts } from '@shared/view/search-build'

/** What the page sends the search worker: event texts as written (in slices), then "build". */
export type SearchBuildRequest = ({ type: 'texts' } & EventTexts) | { type: 'build' }

export type SearchBuildReply = { type: 'built'; built: BuiltWords }
