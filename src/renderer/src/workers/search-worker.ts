import { WordsBuilder } from '@shared/view/search-build'
import type { SearchBuildReply, SearchBuildRequest } from './search-protocol'

/**
 * Builds the search index's words for a whole document off the renderer's main thread:
 * normalizing and splitting 100,000 events' text takes seconds, during which the page keeps
 * answering. The result crosses back as flat typed arrays (transferred, not copied), its words a
 * part at a time.
 */
const builder = new WordsBuilder()
/** Words a message: the page reads each message in a task of its own, some milliseconds here. */
const WORDS_PER_POST = 10_000
const reply = (message: SearchBuildReply, transfer: Transferable[] = []) => self.postMessage(message, { transfer })
self.onmessage = ({ data }: MessageEvent<SearchBuildRequest>) => {
  if (data.type === 'texts') return builder.add(data)
  const { words, ...built } = builder.build()
  for (let at = 0; at < words.length; at += WORDS_PER_POST)
    reply({ type: 'words', words: words.slice(at, at + WORDS_PER_POST) })
  reply({ type: 'built', built }, [built.table.buffer, built.starts.buffer, built.slots.buffer, built.byDate.buffer])
}
