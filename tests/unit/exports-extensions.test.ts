/**
 * Issue 9, item 7: "exports can be programs": the export save path accepted ".bat", ".desktop",
 * ".hta" and the like, and "Open" would launch them. An export is written only with its format's
 * own extension (a different one typed in the dialog gets the right one added), a PDF only as
 * .pdf, and "Open" opens only a file of those kinds that this app wrote in this session.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXPORT_EXTENSIONS, filesApi, rememberWritten, type FileDialogs } from '../../src/main/ipc/files'
import type { PrintEngine } from '../../src/main/services/print-engine'
import { ReportService, suggestedFileName } from '../../src/main/services/report-service'
import { makeDocument } from './helpers/documents'
import { rejection, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()
const PROGRAMS = ['.bat', '.cmd', '.exe', '.desktop', '.hta', '.sh', '.command', '.lnk', '.js', '.scr']

function dialogs(chosen: string) {
  const opened: string[] = []
  const api = filesApi({
    chooseImport: async () => null,
    chooseExport: async () => chosen,
    openWithSystem: async (path) => void opened.push(path)
  } satisfies FileDialogs)
  return { api, opened }
}

describe('exports keep their own extension', () => {
  it('knows the formats it writes', () => {
    expect([...EXPORT_EXTENSIONS].sort()).toEqual(['.csv', '.json', '.jsonl', '.md'])
  })

  it.each(PROGRAMS)('a CSV saved as "report%s" gets ".csv" added, and opens as a CSV', async (program) => {
    const dir = await tempDir()
    const { api, opened } = dialogs(join(dir, `report${program}`))
    const path = await api.saveExport('timeline.csv', 'a,b\n')
    expect(path).toBe(join(dir, `report${program}.csv`))
    expect(await readdir(dir)).toEqual([`report${program}.csv`])
    await api.openPath(path!)
    expect(opened).toEqual([path])
  })

  it('keeps a name that already has the right extension, in any case', async () => {
    const dir = await tempDir()
    expect(await dialogs(join(dir, 'Notes.MD')).api.saveExport('timeline.md', '# x\n')).toBe(join(dir, 'Notes.MD'))
    expect(await dialogs(join(dir, 'sketch.jsonl')).api.saveExport('t.jsonl', '{}\n')).toBe(join(dir, 'sketch.jsonl'))
    expect(await dialogs(join(dir, 'plain')).api.saveExport('t.chronotes.json', '{}')).toBe(join(dir, 'plain.json'))
  })

  it('refuses to export under a suggested name that is not one of its formats', async () => {
    const dir = await tempDir()
    for (const program of PROGRAMS) {
      const error = await rejection(
        dialogs(join(dir, `x${program}`)).api.saveExport(`x${program}`, 'echo'),
        'INVALID_ARGUMENT'
      )
      expect(error.message).toMatch(/exports only \.json, \.csv/)
    }
    expect(await readdir(dir)).toEqual([])
  })

  it('never opens a program, even one it was told it wrote', async () => {
    const dir = await tempDir()
    const { api, opened } = dialogs(join(dir, 'x.csv'))
    for (const program of PROGRAMS) {
      const path = join(dir, `evil${program}`)
      rememberWritten(path)
      await rejection(api.openPath(path), 'INVALID_ARGUMENT')
    }
    expect(opened).toEqual([])
  })

  it('caps a long suggested name in UTF-8 bytes, keeping its extension', async () => {
    const dir = await tempDir()
    const suggested: string[] = []
    const api = filesApi({
      chooseImport: async () => null,
      chooseExport: async (name) => (suggested.push(name), join(dir, name)),
      openWithSystem: async () => {}
    })
    const path = await api.saveExport(`${'情报合作'.repeat(60)}.csv`, 'a\n')
    expect(Buffer.byteLength(suggested[0]!)).toBeLessThanOrEqual(200)
    expect(suggested[0]).toMatch(/^(情报合作)+情?报?合?\.csv$/)
    expect(await readFile(path!, 'utf8')).toBe('a\n')
  })
})

describe('PDFs are written only as .pdf', () => {
  const engine = (): PrintEngine => ({
    print: async () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    close: async () => {}
  })
  const options = {
    title: 'T',
    selection: { kind: 'all' },
    includeNotes: true,
    includeSources: true,
    pageSize: 'A4',
    landscape: false
  } as const

  it.each(PROGRAMS)('a PDF saved as "report%s" gets ".pdf" added', async (program) => {
    const dir = await tempDir()
    const service = new ReportService({ engine, chooseTarget: async () => join(dir, `report${program}`) })
    const result = await service.exportPdf(makeDocument(), options)
    expect(result?.path).toBe(join(dir, `report${program}.pdf`))
    expect(await readdir(dir)).toEqual([`report${program}.pdf`])
  })

  it('suggests a name that fits a file system, for a 200-letter CJK title', () => {
    const name = suggestedFileName('情报合作与共享的时间线记录'.repeat(16))
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200)
    expect(name).toMatch(/^[^\ufffd]+\.pdf$/)
  })
})
