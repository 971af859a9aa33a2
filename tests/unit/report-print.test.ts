/**
 * The built print view (out/renderer/report.html) printed by the Chromium engine, with a hostile
 * note: it prints as text, and every request the page made went to the report's own origin (the
 * engine's route sees them all), none to a server, local or remote.
 */
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createChromiumPrintEngine, REPORT_ORIGIN } from '../../src/main/services/chromium-print-engine'
import { buildReportModel } from '../../src/shared/report/build-model'
import { chromiumPath } from '../chromium'
import { loadDataset } from './helpers/annotate'
import { readPdf } from './helpers/pdf'
import { precisionOf } from '../../src/shared/model/dates'

const rendererDir = resolve('out/renderer')
let canary: Server
const canaryHits: string[] = []
let canaryUrl = ''

beforeAll(async () => {
  if (!existsSync(resolve(rendererDir, 'report.html')))
    throw new Error(`${rendererDir}/report.html is missing: run \`npx electron-vite build\` first.`)
  canary = createServer((request, response) => {
    canaryHits.push(request.url ?? '')
    response.writeHead(200, { 'Content-Type': 'image/png' }).end()
  })
  await new Promise<void>((done) => canary.listen(0, '127.0.0.1', done))
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((done) => canary.close(() => done())))

it('starts the chronology under the figure on page 1, and breaks a tall entry there rather than leave the page blank', async () => {
  // One event (so a short figure), with an account of 30 short lines: under any old size limit in
  // characters (it has fewer than 1,000), but more than half a page tall.
  const dataset = loadDataset()
  const item = dataset.items.find((i) => precisionOf(i.start) === 'day' && i.kind === 'point')!
  const lines = Array.from({ length: 30 }, (_, n) => `- Line ${n + 1} of the account.`).join('\n')
  const document = { ...dataset, items: [{ ...item, description: lines, notes: [] }] }
  const model = buildReportModel(
    document,
    {
      title: 'One long entry',
      selection: { kind: 'all' },
      includeNotes: true,
      includeSources: true,
      pageSize: 'A4',
      landscape: false
    },
    new Date('2025-03-01T09:00:00.000Z')
  )
  const engine = createChromiumPrintEngine({ rendererDir, executablePath: chromiumPath })
  try {
    const pages = await readPdf(await engine.print({ model, pageSize: 'A4', landscape: false }))
    expect(pages).toHaveLength(2)
    const [first, second] = pages.map((page) => page.text)
    // The heading, the entry's header and its first lines follow the figure on page 1…
    expect(first).toContain('Overview')
    expect(first).toContain('Chronology')
    expect(first).toContain(item.title)
    expect(first).toContain('Line 1 of the account.')
    // …and the rest runs on to page 2.
    expect(second).toContain('Line 30 of the account.')
    expect(second).not.toContain(item.title)
  } finally {
    await engine.close()
  }
})

it('prints a hostile note as text, and the page asks for nothing but its own files', async () => {
  const dataset = loadDataset()
  const [first] = dataset.items
  const stamp = '2025-03-01T09:00:00.000Z'
  const body = [
    'A hostile note begins.',
    `<img src="${canaryUrl}/html.png"> <script>fetch("${canaryUrl}/script")</script>`,
    `![remote](https://example.org/x.png) ![local](${canaryUrl}/markdown.png)`,
    `<link rel="stylesheet" href="${canaryUrl}/style.css"><iframe src="${canaryUrl}/frame"></iframe>`,
    'A hostile note ends.'
  ].join('\n\n')
  const document = {
    ...dataset,
    items: [
      {
        ...first!,
        description: `![tracker](${canaryUrl}/description.png) Described.`,
        sources: [{ title: 'Source', outlet: null, url: `${canaryUrl}/source`, published: null }],
        notes: [
          { id: 'hostile', author: `<img src="${canaryUrl}/author.png">`, body, createdAt: stamp, updatedAt: stamp }
        ]
      }
    ]
  }
  const model = buildReportModel(
    document,
    {
      title: 'Hostile',
      selection: { kind: 'all' },
      includeNotes: true,
      includeSources: true,
      pageSize: 'A4',
      landscape: false
    },
    new Date(stamp)
  )
  const requests: { url: string; served: boolean }[] = []
  const engine = createChromiumPrintEngine({
    rendererDir,
    executablePath: chromiumPath,
    onRequest: (url, served) => requests.push({ url, served })
  })
  try {
    const pdf = await engine.print({ model, pageSize: 'A4', landscape: false })
    const text = (await readPdf(pdf)).map((page) => page.text.replace(/\s+/g, '')).join('')
    expect(text).toContain('Ahostilenotebegins.')
    expect(text).toContain('Ahostilenoteends.')
    expect(text).toContain(`<imgsrc="${canaryUrl}/html.png">`)
    expect(text).toContain(`<imgsrc="${canaryUrl}/author.png">`)
  } finally {
    await engine.close()
  }
  expect(requests.length).toBeGreaterThan(1) // the page, its script, its styles and fonts
  expect(requests.filter((request) => new URL(request.url).origin !== REPORT_ORIGIN)).toEqual([])
  expect(requests.every((request) => request.served)).toBe(true)
  expect(canaryHits).toEqual([])
})
