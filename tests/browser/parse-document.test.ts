/**
 * Issue 10: a large opened document is parsed in parts (a worker finds its events, the page
 * parses them a few thousand at a time), so that the window keeps answering while it opens. The
 * result is exactly the parsed text.
 */
import { expect, test } from 'vitest'
import { parseDocument, PARSE_IN_PARTS_FROM_BYTES } from '@renderer/workers/parse-document'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { largeDatasetText } from './large-dataset'

test('a large document is parsed in parts, to the same document, while the page goes on running tasks', async () => {
  const text = largeDatasetText()
  const bytes = new TextEncoder().encode(text)
  expect(bytes.byteLength).toBeGreaterThan(PARSE_IN_PARTS_FROM_BYTES)
  let timerRan = false
  setTimeout(() => (timerRan = true), 0)
  const parsing = parseDocument(bytes)
  // Parsed whole, the document would be ready before any timer could run.
  const document = await parsing
  expect(timerRan).toBe(true)
  expect(document).toEqual(JSON.parse(text))
})

test('a small document is parsed at once, to the same document', async () => {
  const text = JSON.stringify(dataset)
  expect(await parseDocument(new TextEncoder().encode(text))).toEqual(JSON.parse(text))
})
