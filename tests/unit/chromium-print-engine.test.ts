/**
 * The command line's and the tests' print engine, on a stand-in for the print view
 * (tests/fixtures/report-standin): the page it prints, the paper, the requests it refuses, and
 * cancelling. The real view is printed end to end in tests/e2e/pdf-export.spec.ts and cli-pdf.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChronotesError } from '../../src/shared/errors'
import type { ReportModel } from '../../src/shared/report/model'
import { createChromiumPrintEngine, REPORT_ORIGIN } from '../../src/main/services/chromium-print-engine'
import { PRINT_STAGES, type PrintStage } from '../../src/main/services/print-engine'
import { countPdfPages } from '../../src/main/services/pdf-pages'
import { chromiumPath } from '../chromium'
import { readPdf } from './helpers/pdf'

const standin = resolve(import.meta.dirname, '../fixtures/report-standin')

/** The stand-in's model (see standin.js); the engine passes it through untouched. */
interface StandinModel {
  title: string
  items?: string[]
  pageSize?: 'A4' | 'Letter'
  landscape?: boolean
  probes?: string[]
  delayMs?: number
}
const model = (value: StandinModel) => value as unknown as ReportModel

// Starting Chromium and printing takes seconds, and many more on a busy machine: these limits only
// catch a print that hangs, and are far above what any of these prints needs.
const PRINTS = { timeout: 180_000 }

describe('the Chromium print engine', PRINTS, () => {
  const requests: { url: string; served: boolean }[] = []
  const engine = createChromiumPrintEngine({
    rendererDir: standin,
    executablePath: chromiumPath,
    onRequest: (url, served) => requests.push({ url, served })
  })
  // A server on this machine that the page is told to load from: it must never be asked.
  let canary: Server
  const canaryHits: string[] = []
  let canaryUrl = ''

  beforeAll(async () => {
    canary = createServer((request, response) => {
      canaryHits.push(request.url ?? '')
      response.writeHead(200, { 'Content-Type': 'image/png' }).end()
    })
    await new Promise<void>((done) => canary.listen(0, '127.0.0.1', done))
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await engine.close()
    await new Promise((done) => canary.close(done))
  }, PRINTS.timeout)

  it('prints the view with the model it was given, as text, on A4 with page numbers', async () => {
    const items = Array.from({ length: 120 }, (_, index) => `Event number ${index + 1}: Київ, Москва`)
    const pdf = await engine.print({
      model: model({ title: 'Stand-in report', items }),
      pageSize: 'A4',
      landscape: false
    })
    const pages = await readPdf(pdf)
    expect(pages.length).toBeGreaterThan(1)
    expect(countPdfPages(pdf)).toBe(pages.length)
    for (const page of pages) expect([page.width, page.height]).toEqual([595, 842])
    const text = pages.map((page) => page.text).join(' ')
    expect(text).toContain('Stand-in report')
    expect(text).toContain('Event number 120: Київ, Москва')
    pages.forEach((page, index) => expect(page.text).toContain(`Page ${index + 1} of ${pages.length}`))
  })

  it('prints Letter landscape when the view asks for it', async () => {
    const pdf = await engine.print({
      model: model({ title: 'Landscape', pageSize: 'Letter', landscape: true }),
      pageSize: 'Letter',
      landscape: true
    })
    const pages = await readPdf(pdf)
    expect(pages.map((page) => [page.width, page.height])).toEqual([[792, 612]])
  })

  it('refuses every request but the report’s own files: nothing reaches a server', async () => {
    requests.length = 0
    const probes = ['https://example.org/x.png', `${canaryUrl}/leak.png`, 'http://chronotes.evil/x.png']
    const pdf = await engine.print({ model: model({ title: 'Probes', probes }), pageSize: 'A4', landscape: false })
    expect((await readPdf(pdf))[0]!.text).toContain('Probes')
    expect(canaryHits).toEqual([])
    const refused = requests.filter((request) => !request.served).map((request) => new URL(request.url).origin)
    expect(new Set(refused)).toEqual(new Set(['https://example.org', canaryUrl, 'http://chronotes.evil']))
    for (const request of requests.filter((request) => request.served))
      expect(new URL(request.url).origin).toBe(REPORT_ORIGIN)
  })

  it('refuses an already cancelled print before it starts', async () => {
    const controller = new AbortController()
    controller.abort()
    const printing = engine.print({
      model: model({ title: 'x' }),
      pageSize: 'A4',
      landscape: false,
      signal: controller.signal
    })
    await expect(printing).rejects.toBeInstanceOf(ChronotesError)
    await expect(printing).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})

// Issue 8: a cancel that came while `newPage()` was pending hung the export forever, and only on a
// slow machine. Here the cancel lands inside each step in turn, while that step is under way,
// whatever the machine's speed: the hook runs after the step has started and before it settles.
describe('the Chromium print engine, cancelled inside each step', PRINTS, () => {
  // One engine for every step but the launch, which only a new engine's first print has.
  let onStage: (stage: PrintStage) => void = () => {}
  const shared = createChromiumPrintEngine({
    rendererDir: standin,
    executablePath: chromiumPath,
    onStage: (stage) => onStage(stage)
  })
  afterAll(() => shared.close(), PRINTS.timeout)

  it.each(PRINT_STAGES)('stops during "%s" with CANCELLED within 2 s, then prints again', async (stage) => {
    const controller = new AbortController()
    let abortedAt = 0
    let armed = true
    const seen: PrintStage[] = []
    onStage = (current) => {
      seen.push(current)
      if (!armed || current !== stage) return
      armed = false
      abortedAt = performance.now()
      controller.abort()
    }
    const engine =
      stage === 'launch'
        ? createChromiumPrintEngine({ rendererDir: standin, executablePath: chromiumPath, onStage })
        : shared
    try {
      const printing = engine.print({
        // The stand-in keeps its layout step open for a minute: a cancel there must not wait for it.
        model: model({ title: 'Cancelled', delayMs: stage === 'layout' ? 60_000 : 0 }),
        pageSize: 'A4',
        landscape: false,
        signal: controller.signal
      })
      await expect(printing).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(seen.at(-1)).toBe(stage)
      expect(performance.now() - abortedAt).toBeLessThan(2_000)

      const pdf = await engine.print({ model: model({ title: 'After' }), pageSize: 'A4', landscape: false })
      expect((await readPdf(pdf))[0]!.text).toContain('After')
    } finally {
      if (engine !== shared) await engine.close()
    }
  })

  it('stops a print that runs past its time limit with a TIMEOUT error that says nothing was written', async () => {
    const engine = createChromiumPrintEngine({ rendererDir: standin, executablePath: chromiumPath, timeLimitMs: 1_000 })
    try {
      // A layout that never ends within the limit, on any machine.
      const printing = engine.print({
        model: model({ title: 'Forever', delayMs: 600_000 }),
        pageSize: 'A4',
        landscape: false
      })
      await expect(printing).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: expect.stringMatching(/stopped after 1 s.*Nothing was written/)
      })
    } finally {
      await engine.close()
    }
  })
})

describe('the Chromium print engine, when something is missing', PRINTS, () => {
  it('says the print view is not built when report.html is not there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-noview-'))
    const engine = createChromiumPrintEngine({ rendererDir: dir, executablePath: chromiumPath })
    try {
      await expect(engine.print({ model: model({ title: 'x' }), pageSize: 'A4', landscape: false })).rejects.toThrow(
        /print view is missing.*report\.html/
      )
    } finally {
      await engine.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('says what the page said when it fails to start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-badview-'))
    await writeFile(join(dir, 'report.html'), '<!doctype html><script src="./broken.js"></script>')
    await writeFile(join(dir, 'broken.js'), 'throw new Error("the view is broken")')
    const engine = createChromiumPrintEngine({ rendererDir: dir, executablePath: chromiumPath })
    try {
      await expect(engine.print({ model: model({ title: 'x' }), pageSize: 'A4', landscape: false })).rejects.toThrow(
        /did not start.*the view is broken/
      )
    } finally {
      await engine.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('says what failed and that nothing was written; for a very large report, to export fewer events', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-failing-view-'))
    await writeFile(join(dir, 'report.html'), '<!doctype html><script type="module" src="./failing.js"></script>')
    await writeFile(join(dir, 'failing.js'), 'globalThis.renderReport = () => { throw new Error("layout gave out") }')
    const engine = createChromiumPrintEngine({ rendererDir: dir, executablePath: chromiumPath })
    const print = (events: number) =>
      engine.print({
        model: { title: 'x', entries: Array.from({ length: events }, () => ({})) } as unknown as ReportModel,
        pageSize: 'A4',
        landscape: false
      })
    try {
      const small = await print(10).catch((error: ChronotesError) => error)
      expect(small).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringMatching(/layout gave out.*Nothing was written\.$/)
      })
      await expect(print(20_000)).rejects.toThrow(/Nothing was written\. A report of 20,000 events .* export fewer/)
    } finally {
      await engine.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('says NO_PRINTER when the named Chromium is not there', async () => {
    const engine = createChromiumPrintEngine({ rendererDir: standin, executablePath: '/nonexistent/chromium' })
    await expect(
      engine.print({ model: model({ title: 'x' }), pageSize: 'A4', landscape: false })
    ).rejects.toMatchObject({
      code: 'NO_PRINTER',
      message: expect.stringContaining('/nonexistent/chromium')
    })
    await engine.close()
  })
})
