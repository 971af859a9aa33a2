/**
 * Exporting a PDF as a researcher does: the annotated dataset open in the built renderer, "Export
 * PDF…" (Ctrl+P), the dialog's choices, the file written where the (scripted) save dialog said,
 * then the PDF read back with pdf.js: titles and notes in order, page numbers, paper, filters, and
 * a hostile note that must print as text without a request leaving the machine. The bridge prints
 * with the Chromium engine, from the same built print view the app prints.
 */
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page, TestInfo } from '@playwright/test'
import { annotate, inReportOrder, printedText } from '../unit/helpers/annotate'
import { readPdf, type PdfPage } from '../unit/helpers/pdf'
import { DATASET_FILE, DATASET_TITLE, expect, openApp, screenshot, test } from './fixtures'

// Each test starts a Chromium to print in besides the page's; printing the whole dataset takes seconds.
test.describe.configure({ timeout: 60_000 })

const annotated = annotate()
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Export PDF' })
const squash = (text: string) => text.replace(/\s+/g, '')
const allText = (pages: PdfPage[]) => squash(pages.map((page) => page.text).join(' '))

/** Where each text first appears after the one before it; -1 when missing or out of order. */
function positions(pages: PdfPage[], texts: string[]): number[] {
  const all = allText(pages)
  let from = 0
  return texts.map((text) => {
    const at = all.indexOf(squash(text), from)
    if (at >= 0) from = at + 1
    return at
  })
}

/** The pages as 70 dpi PNGs beside the test's other output, for a person to look at. */
async function renderPages(pdf: string, testInfo: TestInfo, name: string): Promise<void> {
  await promisify(execFile)('pdftoppm', ['-png', '-r', '70', pdf, testInfo.outputPath(name)])
}

/** Opens the export dialog the way a user does, from the keyboard. */
async function openExportDialog(page: Page): Promise<void> {
  await page.locator('.timeline').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('ControlOrMeta+P')
  await expect(dialog(page)).toBeVisible()
}

/** Clicks Export PDF… and waits for the result; the path the save dialog was asked for. */
async function exportTo(
  page: Page,
  target: string,
  asked: string[],
  bridge: { dialogs: { chooseExport?: (name: string) => string | null } }
) {
  bridge.dialogs.chooseExport = (name) => {
    asked.push(name)
    return target
  }
  await dialog(page).getByRole('button', { name: 'Export PDF…' }).click()
  await expect(dialog(page).getByText(/Exported \d+ pages? \(/)).toBeVisible({ timeout: 45_000 })
}

test.describe('the annotated dataset', () => {
  test.use({ libraryFiles: { [DATASET_FILE]: JSON.stringify(annotated, null, 2) } })

  test('exports every event and note in date order, numbered pages, A4 portrait; the app offers to open it', async ({
    page,
    bridge,
    libraryDir
  }, testInfo) => {
    await openApp(page, bridge)
    await openExportDialog(page)
    const form = dialog(page)
    await expect(form.getByLabel('Title', { exact: true })).toHaveValue(DATASET_TITLE)
    await expect(form.getByLabel('Author (optional)')).toHaveValue('E2E Researcher')
    await expect(form.getByRole('radio', { name: /All events \(88 events\)/ })).toBeChecked()
    await form.getByRole('combobox', { name: 'Size' }).selectOption('A4')
    await form.getByRole('radio', { name: 'Portrait' }).check()
    await form.getByLabel('Subtitle (optional)').fill('Annotated chronology for the briefing')
    await page.screenshot({ path: testInfo.outputPath('dialog.png') })

    const target = join(libraryDir, 'briefing.pdf')
    const asked: string[] = []
    await exportTo(page, target, asked, bridge)
    expect(asked).toEqual([`${DATASET_TITLE}.pdf`])
    await page.screenshot({ path: testInfo.outputPath('dialog-done.png') })

    const bytes = await readFile(target)
    const pages = await readPdf(bytes)
    await renderPages(target, testInfo, 'dataset')
    await expect(form.getByText(`Exported ${pages.length} pages`)).toBeVisible()
    for (const sheet of pages) expect([sheet.width, sheet.height]).toEqual([595, 842])
    pages.forEach((sheet, index) =>
      expect(squash(sheet.text)).toContain(squash(`Page ${index + 1} of ${pages.length}`))
    )

    const text = allText(pages)
    for (const words of [DATASET_TITLE, 'Annotated chronology for the briefing', 'E2E Researcher'])
      expect(text).toContain(squash(words))
    const expected = inReportOrder(annotated).flatMap((item) => [
      item.title,
      ...item.notes.map((n) => printedText(n.body))
    ])
    const found = positions(pages, expected)
    expect(
      expected.filter((_, index) => found[index]! < 0),
      'missing or out of order'
    ).toEqual([])

    await form.getByRole('button', { name: 'Open PDF' }).click()
    await expect.poll(() => bridge.openedPaths).toEqual([target])
  })

  test('exports the current filter only, on Letter landscape', async ({ page, bridge, libraryDir }, testInfo) => {
    await openApp(page, bridge)
    await page.getByRole('searchbox', { name: 'Find events' }).fill('Jeddah')
    const matching = annotated.items.filter((item) =>
      [item.title, item.description, ...item.notes.map((n) => n.body), ...item.tags].join(' ').includes('Jeddah')
    )
    expect(matching.length).toBeGreaterThan(0)
    await openExportDialog(page)
    const form = dialog(page)
    await expect(form.getByRole('radio', { name: /current filter and search/ })).toBeChecked()
    await form.getByRole('combobox', { name: 'Size' }).selectOption('Letter')
    await form.getByRole('radio', { name: 'Landscape' }).check()
    const target = join(libraryDir, 'jeddah.pdf')
    await exportTo(page, target, [], bridge)

    const pages = await readPdf(await readFile(target))
    await renderPages(target, testInfo, 'jeddah')
    for (const sheet of pages) expect([sheet.width, sheet.height]).toEqual([792, 612])
    const text = allText(pages)
    const shown = new Set(matching.map((item) => item.id))
    for (const item of matching) expect(text).toContain(squash(item.title))
    const others = annotated.items.filter(
      (item) => !shown.has(item.id) && !matching.some((m) => `${m.title} ${m.description}`.includes(item.title))
    )
    expect(others.length).toBeGreaterThan(80)
    for (const item of others) expect(text, item.title).not.toContain(squash(item.title))
  })
})

test.describe('a hostile note', () => {
  // A server on this machine that the note points at: it must never be asked for anything.
  const canaryHits: string[] = []
  const canary = createServer((request, response) => {
    canaryHits.push(request.url ?? '')
    response.writeHead(200, { 'Content-Type': 'image/png' }).end()
  })
  let canaryUrl = ''
  test.beforeAll(async () => {
    await new Promise<void>((done) => canary.listen(0, '127.0.0.1', done))
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`
  })
  test.afterAll(() => new Promise<void>((done) => canary.close(() => done())))

  test.use({
    libraryFiles: async ({}, use) => {
      const document = annotate()
      const body = [
        'Hostile note: this sentence must print.',
        '<script>document.title = "pwned"</script>',
        '<img src="https://example.org/x.png" onerror="document.title = \'pwned\'">',
        `![remote](https://example.org/x.png) ![local](${canaryUrl}/markdown.png)`,
        `<img src="${canaryUrl}/html.png">`,
        '<style>body { background: url(https://example.org/bg.png) }</style>',
        'The end of the hostile note.'
      ].join('\n\n')
      const stamp = '2025-03-01T09:00:00.000Z'
      const [first, ...rest] = document.items
      const hostile = {
        ...first!,
        notes: [{ id: 'hostile-note', author: '<b>Mallory</b>', body, createdAt: stamp, updatedAt: stamp }]
      }
      await use({ [DATASET_FILE]: JSON.stringify({ ...document, items: [hostile, ...rest] }, null, 2) })
    }
  })

  test('prints as text and makes no request', async ({ page, bridge, libraryDir }, testInfo) => {
    await openApp(page, bridge)
    await openExportDialog(page)
    await dialog(page)
      .getByRole('radio', { name: /A date range/ })
      .check()
    await dialog(page).getByLabel('From').fill('2014')
    await dialog(page).getByLabel('To').fill('2014-03')
    await expect(dialog(page).getByRole('radio', { name: /A date range \(3 events\)/ })).toBeChecked()
    await screenshot(page, testInfo, 'dialog-dates')
    const target = join(libraryDir, 'hostile.pdf')
    await exportTo(page, target, [], bridge)

    const pages = await readPdf(await readFile(target))
    await renderPages(target, testInfo, 'hostile')
    const text = allText(pages)
    expect(text).toContain(squash('Hostile note: this sentence must print.'))
    expect(text).toContain(squash('The end of the hostile note.'))
    // Markup in a note or an author's name prints as written: it is text, never HTML.
    expect(text).toContain(squash('<script>document.title = "pwned"</script>'))
    expect(text).toContain(squash(`<img src="${canaryUrl}/html.png">`))
    expect(text).toContain(squash('<b>Mallory</b>'))
    // Neither the remote images nor the ones on this machine were asked for.
    expect(canaryHits).toEqual([])
  })
})

test.describe('a long export', () => {
  // The dataset ten times over (880 events): long enough to cancel while it prints.
  const large = {
    ...annotated,
    items: Array.from({ length: 10 }, (_, copy) =>
      annotated.items.map((item) => ({
        ...item,
        id: `${item.id}-${copy}`,
        notes: item.notes.map((note) => ({ ...note, id: `${note.id}-${copy}` }))
      }))
    ).flat()
  }
  test.use({ libraryFiles: { [DATASET_FILE]: JSON.stringify(large) } })

  test('shows its progress and can be cancelled; nothing is written', async ({
    page,
    bridge,
    libraryDir
  }, testInfo) => {
    await openApp(page, bridge)
    await openExportDialog(page)
    const target = join(libraryDir, 'cancelled.pdf')
    bridge.dialogs.chooseExport = () => target
    await dialog(page).getByRole('button', { name: 'Export PDF…' }).click()
    await expect(dialog(page).getByRole('progressbar')).toBeVisible()
    await expect(dialog(page).getByRole('status')).toHaveText(/Laying out…|Printing…/)
    await screenshot(page, testInfo, 'exporting')
    await dialog(page).getByRole('button', { name: 'Cancel export' }).click()
    await expect(dialog(page).getByText('The export was cancelled; nothing was written.')).toBeVisible({
      timeout: 15_000
    })
    await expect(dialog(page).getByRole('button', { name: 'Export PDF…' })).toBeEnabled()
    expect(existsSync(target)).toBe(false)
  })
})
