/**
 * The PDF export service with a fake print engine on a real temporary folder: what it asks, what
 * it hands the engine, the progress it reports, the file it writes, cancelling and failures.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChronotesError } from '../../src/shared/errors'
import type { ReportOptions } from '../../src/shared/report/options'
import type { PrintEngine, PrintRequest } from '../../src/main/services/print-engine'
import { countPdfPages } from '../../src/main/services/pdf-pages'
import { ReportService, suggestedFileName, type ExportProgress } from '../../src/main/services/report-service'
import { makeDocument } from './helpers/documents'

/** A PDF of `pages` pages, as Chromium writes its page objects. */
function fakePdf(pages: number): Uint8Array {
  const objects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj\n`)
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Count ${pages}>>\nendobj\n${objects.join('')}%%EOF\n`
  )
}

const OPTIONS: ReportOptions = {
  title: 'Field notes: Kyiv / 2022',
  selection: { kind: 'all' },
  includeNotes: true,
  includeSources: true,
  pageSize: 'Letter',
  landscape: true
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronotes-report-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An engine that records what it is asked and answers as told. */
function fakeEngine(print: (request: PrintRequest) => Promise<Uint8Array> = async () => fakePdf(3)) {
  const log = { requests: [] as PrintRequest[], created: 0, closed: 0 }
  const engine = (): PrintEngine => {
    log.created++
    return {
      print: (request) => {
        log.requests.push(request)
        return print(request)
      },
      close: async () => void log.closed++
    }
  }
  return { engine, log }
}

describe('ReportService', () => {
  it('asks where to save, prints the model on the chosen paper, and writes the PDF there', async () => {
    const { engine, log } = fakeEngine(async (request) => {
      request.onPrinting?.()
      return fakePdf(3)
    })
    const progress: ExportProgress[] = []
    const asked: string[] = []
    const target = join(dir, 'out.pdf')
    const service = new ReportService({
      engine,
      chooseTarget: async (name) => (asked.push(name), target),
      onProgress: (p) => progress.push(p),
      now: () => new Date('2026-03-05T12:00:00Z')
    })
    const document = makeDocument({ title: 'Field notes', items: 5, notesPerItem: 1 })
    const result = await service.exportPdf(document, OPTIONS)

    expect(asked).toEqual(['Field notes Kyiv 2022.pdf'])
    expect(result).toEqual({ path: target, pages: 3, bytes: fakePdf(3).byteLength })
    expect(await readFile(target)).toEqual(Buffer.from(fakePdf(3)))
    expect(log.requests).toHaveLength(1)
    const request = log.requests[0]!
    expect(request.pageSize).toBe('Letter')
    expect(request.landscape).toBe(true)
    expect(request.model.title).toBe('Field notes: Kyiv / 2022')
    expect(request.model.entries).toHaveLength(5)
    expect(progress.map((p) => [p.stage, p.done, p.total])).toEqual([
      ['Laying out', 0, 3],
      ['Printing', 1, 3],
      ['Writing', 2, 3],
      ['Done', 3, 3]
    ])
    // One engine per export, closed after it.
    expect([log.created, log.closed]).toEqual([1, 1])
  })

  it('does nothing when the user cancels the save dialog', async () => {
    const { engine, log } = fakeEngine()
    const service = new ReportService({ engine, chooseTarget: async () => null })
    expect(await service.exportPdf(makeDocument({ items: 2 }), OPTIONS)).toBeNull()
    expect(log.created).toBe(0)
    expect(await readdir(dir)).toEqual([])
  })

  it('adds .pdf to a name chosen without an extension', async () => {
    const { engine } = fakeEngine()
    const service = new ReportService({ engine, chooseTarget: async () => join(dir, 'briefing') })
    const result = await service.exportPdf(makeDocument({ items: 2 }), OPTIONS)
    expect(result?.path).toBe(join(dir, 'briefing.pdf'))
    expect(await readdir(dir)).toEqual(['briefing.pdf'])
  })

  it('cancel() stops the print: CANCELLED, nothing written, the engine closed', async () => {
    const { engine, log } = fakeEngine(
      (request) =>
        new Promise((_, reject) =>
          request.signal!.addEventListener('abort', () => reject(new ChronotesError('CANCELLED', 'stopped')))
        )
    )
    const service = new ReportService({ engine, chooseTarget: async () => join(dir, 'out.pdf') })
    const exporting = service.exportPdf(makeDocument({ items: 2 }), OPTIONS)
    await expect.poll(() => log.requests.length).toBe(1)
    await service.cancel()
    await expect(exporting).rejects.toMatchObject({ code: 'CANCELLED', message: 'The PDF export was cancelled.' })
    expect(await readdir(dir)).toEqual([])
    expect(log.closed).toBe(1)
  })

  // Regression: a cancel that came while the report was being laid out (before printing began) was lost.
  it('a cancel before printing begins is kept: CANCELLED, no engine, nothing written', async () => {
    const { engine, log } = fakeEngine()
    let cancelNow: () => Promise<void> = async () => {}
    const service = new ReportService({
      engine,
      chooseTarget: async () => {
        await cancelNow()
        return join(dir, 'out.pdf')
      }
    })
    cancelNow = () => service.cancel()
    await expect(service.exportPdf(makeDocument({ items: 2 }), OPTIONS)).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(log.created).toBe(0)
    expect(await readdir(dir)).toEqual([])
  })

  it('writes nothing when cancelled as the engine finishes', async () => {
    const { engine } = fakeEngine(async () => {
      await service.cancel()
      return fakePdf(1)
    })
    const service = new ReportService({ engine, chooseTarget: async () => join(dir, 'out.pdf') })
    await expect(service.exportPdf(makeDocument({ items: 2 }), OPTIONS)).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await readdir(dir)).toEqual([])
  })

  it('says where it could not write, as an IO error, and closes the engine', async () => {
    const { engine, log } = fakeEngine()
    const target = join(dir, 'no-such-folder', 'out.pdf')
    const service = new ReportService({ engine, chooseTarget: async () => target })
    await expect(service.exportPdf(makeDocument({ items: 2 }), OPTIONS)).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(
        /^Writing the PDF to .*out\.pdf failed: it or its folder is missing .* No file was replaced\. Reconnect/
      )
    })
    expect(log.closed).toBe(1)
  })

  it('passes the engine’s own errors on, and wraps anything else in a sentence', async () => {
    const noPrinter = new ReportService({
      engine: fakeEngine(async () => {
        throw new ChronotesError('NO_PRINTER', 'No Chromium to print with.')
      }).engine,
      chooseTarget: async () => join(dir, 'a.pdf')
    })
    await expect(noPrinter.exportPdf(makeDocument({ items: 1 }), OPTIONS)).rejects.toMatchObject({
      code: 'NO_PRINTER'
    })
    const crash = new ReportService({
      engine: fakeEngine(async () => {
        throw new TypeError('renderReport is not a function')
      }).engine,
      chooseTarget: async () => join(dir, 'b.pdf')
    })
    await expect(crash.exportPdf(makeDocument({ items: 1 }), OPTIONS)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'The PDF could not be made: renderReport is not a function'
    })
  })
})

describe('suggestedFileName', () => {
  it('keeps the title a reader knows, without what file names cannot hold', () => {
    expect(suggestedFileName('US–Ukraine intelligence cooperation, 2014–2025')).toBe(
      'US–Ukraine intelligence cooperation, 2014–2025.pdf'
    )
    expect(suggestedFileName('a/b\\c:d*e?"f"<g>|h')).toBe('a b c d e f g h.pdf')
    expect(suggestedFileName('  ..  ')).toBe('Timeline.pdf')
    expect(suggestedFileName('Розвідка України')).toBe('Розвідка України.pdf')
    expect(suggestedFileName('x'.repeat(300))).toHaveLength(124)
  })
})

describe('countPdfPages', () => {
  it('counts page objects, not the page tree', () => {
    expect(countPdfPages(fakePdf(1))).toBe(1)
    expect(countPdfPages(fakePdf(12))).toBe(12)
  })

  it('falls back to the page tree’s count, and answers 0 for what is not a PDF', () => {
    const packed = new TextEncoder().encode('%PDF-1.7\n2 0 obj\n<</Type /Pages /Kids [] /Count 7>>\nendobj\n')
    expect(countPdfPages(packed)).toBe(7)
    expect(countPdfPages(new TextEncoder().encode('hello'))).toBe(0)
  })
})
