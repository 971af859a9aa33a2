/**
 * The PDF export's cost: building the report model, then the whole export as the command line
 * runs it (a fresh Chromium, the built print view laid out, printed, written atomically), for 100
 * and 1,000 annotated events; at 100,000 the report model (the overview drawn as density) and,
 * with CHRONOTES_BENCH_PDF_100K=1, the export too. Figures are printed, never asserted.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createChromiumPrintEngine } from '../src/main/services/chromium-print-engine'
import { findChromium } from '../src/main/services/find-chromium'
import { ReportService } from '../src/main/services/report-service'
import type { TimelineDocument } from '../src/shared/model/schema'
import { buildReportModel } from '../src/shared/report/build-model'
import type { ReportOptions } from '../src/shared/report/options'
import { syntheticDocument } from './synthetic'
import { report } from './timing'

/** Every event with at least one note (the synthetic document gives one to every fifth), two on every tenth. */
function annotated(count: number): TimelineDocument {
  const doc = syntheticDocument(count, 7)
  const stamp = '2026-01-01T00:00:00.000Z'
  doc.items = doc.items.map((item, index) => {
    const notes = [...item.notes]
    const add = (n: number) =>
      notes.push({
        id: `bench-note-${index}-${n}`,
        author: 'Олена Коваленко',
        body: `Checked against the **original** reporting; the liaison briefing in Kyiv is confirmed (${index}.${n}).`,
        createdAt: stamp,
        updatedAt: stamp
      })
    if (!notes.length) add(1)
    if (index % 10 === 0) add(2)
    return { ...item, notes }
  })
  return doc
}

const OPTIONS: ReportOptions = {
  title: 'Synthetic timeline',
  author: 'Bench',
  selection: { kind: 'all' },
  includeNotes: true,
  includeSources: true,
  pageSize: 'A4',
  landscape: false
}

export async function pdfBench(): Promise<void> {
  console.log('\nPDF export (Chromium engine, A4, notes and sources included)')
  const rendererDir = join(process.cwd(), 'out/renderer')
  if (!existsSync(join(rendererDir, 'report.html'))) {
    console.log(`  skipped: ${rendererDir}/report.html is not built (npx electron-vite build)`)
    return
  }
  let executablePath: string
  try {
    executablePath = findChromium()
  } catch (error) {
    console.log(`  skipped: ${(error as Error).message}`)
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'chronotes-pdf-bench-'))
  try {
    // The whole export at 100,000 events does not finish (see below): opt in.
    const exportAll = process.env['CHRONOTES_BENCH_PDF_100K'] === '1'
    // 4,000 shows how the print's time grows with its length: per page, as well as in all.
    for (const [count, runs] of [
      [100, 3],
      [1_000, 2],
      [4_000, 1],
      [100_000, exportAll ? 1 : 0]
    ] as const) {
      const doc = annotated(count)
      const notes = doc.items.reduce((sum, item) => sum + item.notes.length, 0)
      console.log(`  ${count.toLocaleString('en')} events, ${notes.toLocaleString('en')} notes:`)
      const modelSamples: number[] = []
      let model = buildReportModel(doc, OPTIONS, new Date())
      for (let i = 0; i < (count > 10_000 ? 3 : 5); i++) {
        const start = performance.now()
        model = buildReportModel(doc, OPTIONS, new Date())
        modelSamples.push(performance.now() - start)
      }
      report('  report model (numbering, dates, overview layout)', modelSamples)
      const { overview } = model
      const numbered = overview.panels.reduce((sum, panel) => sum + panel.marks.filter((m) => m.label).length, 0)
      console.log(
        `    overview: ${overview.density ? 'density' : 'every event numbered'}, ${overview.panels.length} ${overview.panels.length === 1 ? 'panel' : 'panels'}, ${numbered.toLocaleString('en')} numbered, ${Math.round(overview.panels.reduce((sum, panel) => sum + panel.height, 0))} pt of panels`
      )
      if (!runs) {
        console.log(
          '    whole export not run (CHRONOTES_BENCH_PDF_100K=1 to try): on the 2-core bench machine 10,000 annotated events were laid out in 38 s but not printed within the 600 s limit, and at 100,000 the print page closed (crashed) after 38 s'
        )
        continue
      }

      const samples: number[] = []
      let last = { pages: 0, bytes: 0 }
      for (let i = 0; i < runs; i++) {
        const service = new ReportService({
          engine: () => createChromiumPrintEngine({ rendererDir, executablePath }),
          chooseTarget: async () => join(dir, `bench-${count}.pdf`)
        })
        const start = performance.now()
        try {
          const result = await service.exportPdf(doc, OPTIONS)
          if (result) last = result
        } catch (error) {
          console.log(
            `    export failed after ${Math.round((performance.now() - start) / 1000)} s: ${(error as Error).message}`
          )
          break
        }
        samples.push(performance.now() - start)
      }
      if (!samples.length) continue
      report('  whole export (start Chromium, lay out, print, write)', samples)
      console.log(
        `    ${last.pages.toLocaleString('en')} pages, ${(last.bytes / 1024 / 1024).toFixed(2)} MB (${Math.round(last.bytes / count / 102.4) / 10} KB per event); ${Math.round(Math.min(...samples) / last.pages)} ms per page`
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
