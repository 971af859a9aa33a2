import { WordsBuilder } from '@shared/view/search-build'
import type { SearchBuildReply, SearchBuildRequest } from './search-protocol'

/**
 * Builds the search index's words for a whole document off the renderer's main thread:
 * normalizing and splitting 100,000 events' text takes seconds, during which the page keeps
 * answering. The result crosses back as flat typed arrays (transferred, not copied).
 */
const builder = new WordsBuilder()
self.onmessage = ({ data }: MessageEvent<SearchBuildRequest>) => {
  if (data.type === 'texts') return builder.add(data)
  const built = builder.build()
  const reply: SearchBuildReply = { type: 'built', built }
  self.postMessage(reply, { transfer: [built.starts.buffer, built.slots.buffer, built.byDate.buffer] })
}
