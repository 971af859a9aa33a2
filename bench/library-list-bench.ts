/**
 * Issue 10's library bullet: list a folder holding a 127 MB timeline in ≤ 100 ms. The list reads
 * each document's header and a cache keyed by size and mtime, never the whole document; a large
 * file new to it is counted after it is listed.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LibraryService, STATE_DIR } from '../src/main/services/library-service'
import { readDocument, serializeDocument } from '../src/shared/model/document'
import { syntheticDocument } from './synthetic'
import { mb, report, time, timeAsync } from './timing'

export async function libraryListBench(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'chronotes-bench-list-'))
  try {
    const big = syntheticDocument(100_000)
    const text = serializeDocument(big)
    await writeFile(join(root, 'big.chronotes.json'), text)
    for (let n = 1; n <= 20; n++)
      await writeFile(join(root, `small-${n}.chronotes.json`), serializeDocument(syntheticDocument(50, n)))
    console.log(`  a folder of 21 timelines: one of 100,000 events (${mb(Buffer.byteLength(text))}) and 20 of 50`)
    // The per-user folder the app keeps its caches in (never the library).
    const cacheDir = join(root, STATE_DIR, 'per-user-caches')
    const listed: number[] = []
    const counted: number[] = []
    for (let run = 0; run < 5; run++) {
      await rm(cacheDir, { recursive: true, force: true })
      const start = performance.now()
      const fresh = new LibraryService({ root, cacheDir })
      await fresh.start()
      const first = (await fresh.list()).find((e) => e.name === 'big.chronotes.json')
      listed.push(performance.now() - start)
      if (first?.status !== 'ok' || first.itemCount !== null) throw new Error('the big timeline was not listed at once')
      await fresh.counted()
      const entry = (await fresh.list()).find((e) => e.name === 'big.chronotes.json')
      counted.push(performance.now() - start)
      if (entry?.status !== 'ok' || entry.itemCount !== 100_000)
        throw new Error('the big timeline was not listed with its 100,000 events')
    }
    report('library list, first sight (headers; the count to come)', listed)
    report('  … then listed again with its count (event-count scan)', counted)
    const running = new LibraryService({ root, cacheDir })
    await running.start()
    await running.list()
    await timeAsync('library list, again in the same process (cache)', 5, () => running.list())
    await timeAsync('library list after a restart (start + list, cache file)', 5, async () => {
      const restarted = new LibraryService({ root, cacheDir })
      await restarted.start()
      return restarted.list()
    })
    time('for comparison: parse and validate the 127 MB file whole', 1, () => readDocument(text, 'big.chronotes.json'))
    const [cache] = await readdir(cacheDir)
    console.log(`  cache file: ${mb((await readFile(join(cacheDir, cache!))).length)}`)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
