/**
 * `npm run preview:web` as a browser app (the bridge with browserFiles): files to import come from
 * the browser's file input, exports and the PDF arrive as downloads that are read back here.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startBridge, type Bridge } from '../../src/dev/bridge-server'
import { DATASET_TITLE, datasetsDir, expect, openApp, root, test } from './fixtures'

const SHEET = join(root, 'tests/fixtures/import-e2e/colleague-sheet.csv')

test('import through a file input; an export and the PDF arrive as downloads', async ({ page, libraryDir }) => {
  test.setTimeout(90_000)
  let preview: Bridge | null = await startBridge({
    libraryDir,
    datasetsDir,
    rendererDir: join(root, 'out/renderer'),
    clientScript: join(root, 'out/bridge/client.js'),
    settingsFile: join(libraryDir, '.chronotes', 'preview-settings.json'),
    browserFiles: true
  })
  try {
    await openApp(page, preview)
    await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)

    // Import: the browser's file picker, then the wizard goes on with that file.
    await page
      .getByRole('button', { name: /^Import/ })
      .first()
      .click()
    const wizard = page.getByRole('dialog', { name: /^Import/ })
    const chooser = page.waitForEvent('filechooser')
    await wizard.getByRole('button', { name: 'Choose a file…' }).click()
    await (await chooser).setFiles(SHEET)
    await expect(wizard.getByRole('heading', { name: 'What do the columns hold?' })).toBeVisible()
    await wizard.getByRole('button', { name: 'Cancel' }).click()
    await expect(wizard).toBeHidden()

    // Export: a download with the document's events in it.
    await page.keyboard.press('ControlOrMeta+Shift+X')
    const exporter = page.getByRole('dialog', { name: /^Export/ })
    await exporter.getByLabel('Format').selectOption('timelinejs-json')
    const exported = page.waitForEvent('download')
    await exporter.getByRole('button', { name: 'Save…' }).click()
    const file = await exported
    expect(file.suggestedFilename()).toBe(`${DATASET_TITLE}.json`)
    const json = JSON.parse(await readFile((await file.path())!, 'utf8')) as { events: unknown[] }
    expect(json.events).toHaveLength(88)
    await exporter.getByRole('button', { name: 'Close' }).first().click()

    // The PDF: printed by the bridge, delivered as a download.
    await page.locator('.timeline').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ControlOrMeta+P')
    const pdfDialog = page.getByRole('dialog', { name: 'Export PDF' })
    const printed = page.waitForEvent('download', { timeout: 60_000 })
    await pdfDialog.getByRole('button', { name: 'Export PDF…' }).click()
    const pdf = await printed
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-')
    await expect(pdfDialog.getByText(/Exported \d+ pages? \(/)).toBeVisible()
  } finally {
    await page.close()
    await preview?.close()
    preview = null
  }
})
