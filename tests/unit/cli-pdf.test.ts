/**
 * `chronotes pdf`, through main() with a capturing io, on the annotated dataset: real PDFs printed
 * by the system's Chromium from the built print view (out/renderer/report.html), read back with
 * pdf.js. Exit codes: 0 printed, 1 problems (no Chromium, an unreadable file, no events), 2 usage.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { chromiumPath } from '../chromium'
import { annotate, inReportOrder, printedText } from './helpers/annotate'
import { useTempDirs } from './helpers/library'
import { readPdf, type PdfPage } from './helpers/pdf'

const VIEW = resolve('out/renderer/report.html')

interface Run {
  code: number
  out: string[]
  err: string[]
}

const tempDir = useTempDirs()
let dir: string
let document: TimelineDocument

beforeAll(() => {
  // Like the e2e tests, these print the built view; they never build it (`npm run build` does).
  if (!existsSync(VIEW)) throw new Error(`${VIEW} is missing: run \`npx electron-vite build\` first.`)
})

beforeEach(async () => {
  dir = await tempDir()
  document = annotate()
  await writeFile(join(dir, 'annotated.chronotes.json'), JSON.stringify(document, null, 2))
})

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const env = process.env['CHROMIUM_PATH']
  // The tests' Chromium, named the way a user would: through the environment.
  process.env['CHROMIUM_PATH'] = chromiumPath
  try {
    const code = await main(['pdf', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir })
    return { code, out, err }
  } finally {
    if (env === undefined) delete process.env['CHROMIUM_PATH']
    else process.env['CHROMIUM_PATH'] = env
  }
}

/** All the text, whitespace removed: lines wrap anywhere, so words are compared without it. */
const squash = (text: string) => text.replace(/\s+/g, '')

/** Where each text first appears after the one before it; -1 for one that is missing or out of order. */
function positions(pages: PdfPage[], texts: string[]): number[] {
  const all = squash(pages.map((page) => page.text).join(' '))
  let from = 0
  return texts.map((text) => {
    const at = all.indexOf(squash(text), from)
    if (at >= 0) from = at + 1
    return at
  })
}

describe('chronotes pdf', () => {
  it('prints the annotated dataset: every title and note in date order, page numbers, A4 portrait', async () => {
    const result = await run('annotated.chronotes.json', '-o', 'briefing.pdf')
    expect(result.err).toEqual([])
    expect(result.code).toBe(0)
    expect(result.out).toHaveLength(1)
    expect(result.out[0]).toMatch(/briefing\.pdf: \d+ pages, [\d.]+ (KB|MB), 88 of 88 events$/)

    const pages = await readPdf(await readFile(join(dir, 'briefing.pdf')))
    expect(pages.length).toBeGreaterThan(5)
    expect(Number(/: (\d+) pages/.exec(result.out[0]!)![1])).toBe(pages.length)
    for (const page of pages) expect([page.width, page.height]).toEqual([595, 842])
    pages.forEach((page, index) => expect(squash(page.text)).toContain(squash(`Page ${index + 1} of ${pages.length}`)))

    const expected = inReportOrder(document).flatMap((item) => [
      item.title,
      ...item.notes.map((note) => printedText(note.body))
    ])
    const found = positions(pages, expected)
    expect(expected.filter((_, index) => found[index]! < 0)).toEqual([])
    expect(document.items.flatMap((item) => item.notes)).toHaveLength(40)
  })

  it('prints only the events chosen by lane, confidence and dates, on Letter landscape, without notes', async () => {
    const result = await run(
      'annotated.chronotes.json',
      '-o',
      'out.pdf',
      '--lane',
      'leaks and disclosures',
      '--lane',
      'Diplomacy',
      '--confidence',
      'confirmed',
      '--from',
      '2022',
      '--no-notes',
      '--page',
      'letter',
      '--landscape',
      '--title',
      'Leaks and diplomacy since 2022',
      '--json'
    )
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.out.join('\n')) as { path: string; pages: number; bytes: number; events: number }
    expect(summary.path).toBe(join(dir, 'out.pdf'))

    const lanes = new Set(['leak-or-disclosure', 'diplomacy'])
    const chosen = document.items.filter(
      (item) => lanes.has(item.groupId) && item.confidence === 'confirmed' && item.start >= '2022'
    )
    const others = document.items.filter((item) => !chosen.includes(item))
    expect(summary.events).toBe(chosen.length)
    expect(chosen.length).toBeGreaterThan(3)

    const pages = await readPdf(await readFile(summary.path))
    expect(summary.pages).toBe(pages.length)
    for (const page of pages) expect([page.width, page.height]).toEqual([792, 612])
    const text = squash(pages.map((page) => page.text).join(' '))
    expect(text).toContain(squash('Leaks and diplomacy since 2022'))
    for (const item of chosen) expect(text).toContain(squash(item.title))
    // A title may be part of another's (or of a description); those that are not must be absent.
    const absent = others.filter((item) => !chosen.some((c) => `${c.title} ${c.description}`.includes(item.title)))
    for (const item of absent) expect(text).not.toContain(squash(item.title))
    for (const note of chosen.flatMap((item) => item.notes)) expect(text).not.toContain(squash(printedText(note.body)))
  })

  it('exits 1 with NO_PRINTER’s message when the named Chromium is not there, and writes nothing', async () => {
    const result = await run('annotated.chronotes.json', '-o', 'out.pdf', '--chromium', '/nonexistent')
    expect(result.code).toBe(1)
    expect(result.err).toEqual([
      expect.stringMatching(
        /^chronotes pdf: No Chromium to print with: --chromium names \/nonexistent, which is not a file\./
      )
    ])
    expect(result.err[0]).toContain('--chromium PATH or the CHROMIUM_PATH environment variable')
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false)
  })

  it('exits 1 on a file that is not a Chronotes document, saying why', async () => {
    await writeFile(join(dir, 'broken.chronotes.json'), '{"format": "chronotes", "items": [')
    const result = await run('broken.chronotes.json', '-o', 'out.pdf')
    expect(result.code).toBe(1)
    expect(result.err.join('\n')).toContain('broken.chronotes.json')
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false)
  })

  it('exits 1 when no event matches, and writes nothing', async () => {
    const result = await run('annotated.chronotes.json', '-o', 'out.pdf', '--from', '1990', '--to', '1991')
    expect(result.code).toBe(1)
    expect(result.err).toEqual([
      'chronotes pdf: no events of annotated.chronotes.json match the options; nothing was written.'
    ])
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false)
  })

  it.each([
    [['annotated.chronotes.json'], /-o OUT\.pdf is required/],
    [['-o', 'out.pdf'], /pdf takes exactly one FILE/],
    [['annotated.chronotes.json', '-o', 'out.pdf', '--page', 'a3'], /--page takes a4 or letter \(got "a3"\)/],
    [['annotated.chronotes.json', '-o', 'out.pdf', '--confidence', 'sure'], /--confidence takes one of: confirmed, /],
    [['annotated.chronotes.json', '-o', 'out.pdf', '--from', '2022-13'], /--from "2022-13" is not a date/],
    [['annotated.chronotes.json', '-o', 'out.pdf', '--title', '  '], /--title: /],
    [['annotated.chronotes.json', '-o', 'out.pdf', '--colour'], /Unknown option '--colour'/],
    [
      ['annotated.chronotes.json', '-o', 'out.pdf', '--lane', 'Weather'],
      /--lane "Weather": no such lane; the lanes are "Intelligence sharing", "Covert cooperation", /
    ],
    [['missing.chronotes.json', '-o', 'out.pdf'], /ENOENT/]
  ])('exits 2 on a wrong command line: %j', async (argv, message) => {
    const result = await run(...argv)
    expect(result.code).toBe(2)
    expect(result.err.join('\n')).toMatch(message)
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false)
  })
})
