/**
 * `chronotes pdf` on a timeline too large to number every event in the overview: a real PDF,
 * printed by the system's Chromium from the built print view and read back with pdf.js. The
 * overview says it shows density, fits its first page, and the chronology still lists every event.
 *
 * 3,000 events, without notes and sources: the chronology, not the overview, is what takes time
 * (about 25 s per 1,000 annotated events here), so a larger count would not keep this test short;
 * the overview's model at 100,000 events is measured in `npm run bench` and tested without a browser.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { syntheticDocument } from '../../bench/synthetic'
import { main } from '../../src/cli/index'
import { chromiumPath } from '../chromium'
import { useTempDirs } from './helpers/library'
import { readPdf } from './helpers/pdf'

const VIEW = resolve('out/renderer/report.html')
const EVENTS = 3_000
const tempDir = useTempDirs()

beforeAll(() => {
  if (!existsSync(VIEW)) throw new Error(`${VIEW} is missing: run \`npx electron-vite build\` first.`)
})

const squash = (text: string) => text.replace(/\s+/g, '')

describe('chronotes pdf at 3,000 events', () => {
  it('draws the overview as density on its first page, and lists every event after it', async () => {
    const dir = await tempDir()
    const document = syntheticDocument(EVENTS, 3)
    await writeFile(join(dir, 'large.chronotes.json'), JSON.stringify(document))
    const out: string[] = []
    const err: string[] = []
    const code = await main(
      ['pdf', 'large.chronotes.json', '-o', 'large.pdf', '--no-notes', '--no-sources', '--chromium', chromiumPath],
      { out: (line) => out.push(line), err: (line) => err.push(line), cwd: dir }
    )
    expect(err).toEqual([])
    expect(code).toBe(0)
    expect(out[0]).toMatch(/large\.pdf: \d+ pages, [\d.]+ (KB|MB), 3000 of 3000 events$/)

    const pages = await readPdf(await readFile(join(dir, 'large.pdf')))
    const first = squash(pages[0]!.text)
    // The overview is on page 1, says what it shows and why, with its key and each lane's count.
    expect(first).toContain(squash('Overview'))
    expect(first).toContain(squash(`Shown as density: 3,000 events are too many to number each one legibly`))
    expect(first).toContain(squash('Events per cell ('))
    expect(first).toMatch(new RegExp(squash('375 events; \\d+ numbered'), 'g'))
    expect(first.match(/375events;\d+numbered/g)).toHaveLength(8)
    // The chronology starts under it, on the first or second page.
    const chronology = pages.findIndex((page) => /Chronology/.test(page.text))
    expect(chronology).toBeGreaterThanOrEqual(0)
    expect(chronology).toBeLessThanOrEqual(1)
    // Bounded: about a page per dozen entries without notes or sources, nothing like a page per event.
    expect(pages.length).toBeLessThan(EVENTS / 5)
    // Every event is listed: its title appears in the text (titles repeat words, so count them all).
    const text = squash(pages.map((page) => page.text).join(' '))
    const missing = document.items.filter((item) => !text.includes(squash(item.title)))
    expect(missing).toEqual([])
  }, 240_000)
})
