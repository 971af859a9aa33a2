/**
 * axe-core over every view and dialog of the built renderer, light and dark, at 1280×720:
 * no violations of WCAG 2.x A/AA rules (contrast, names, focusable scroll regions, landmarks).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { syntheticDocument } from '../../bench/synthetic'
import { serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import { OUTLINE_FROM } from '../../src/shared/view/outline'
import {
  DATASET_FILE,
  datasetsDir,
  expect,
  holdDocumentOpens,
  holdEventCounts,
  openApp,
  openCrowded,
  root,
  screenshot,
  test
} from './fixtures'

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** Runs axe on the page as it is now; returns the violations, readable in a failure message. */
async function axe(page: Page): Promise<string[]> {
  // Evaluated through the debugger protocol: the app's CSP (script-src 'self') does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations']
    })
    return result.violations
  })
  return (violations as Violation[]).map(
    (violation) =>
      `${violation.id} (${violation.help}): ${violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ')}`)
        .join(' | ')}`
  )
}

/** Whether each lane's count reads at WCAG AA (4.5:1) against its own background. */
async function countContrasts(page: Page): Promise<boolean[]> {
  return page.locator('.timeline .lane-count').evaluateAll((counts) => {
    // Computed colours come as rgb(0–255) or, for color-mix(), as color(srgb 0–1).
    const channels = (css: string) => {
      const numbers = (css.match(/[\d.]+/g) ?? []).map(Number)
      return css.startsWith('color(') ? numbers.slice(0, 3) : numbers.slice(0, 3).map((n) => n / 255)
    }
    const luminance = (css: string) => {
      const [r, g, b] = channels(css).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    return counts.map((count) => {
      const style = getComputedStyle(count)
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)]
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= 4.5
    })
  })
}

const dialog = (page: Page) => page.locator('dialog[open]')

/** The bundled dataset with doubtful dates of every kind, so that their styles are checked too. */
async function datasetWithDoubt(): Promise<string> {
  const doc = JSON.parse(await readFile(join(datasetsDir, DATASET_FILE), 'utf8')) as TimelineDocument
  const doubtful = ['2014-21?', '2015~', '2016%', '2022-33', '201X', '2025-03-05T14:30:00+02:00']
  const points = doc.items.filter((item) => item.end === undefined)
  points.slice(0, doubtful.length).forEach((item, index) => (item.start = doubtful[index]!))
  const moskva = doc.items.find((item) => /Moskva sinks/.test(item.title))!
  moskva.start = '2022-04-14~'
  moskva.displayDate = 'mid-April 2022'
  return JSON.stringify(doc, null, 2)
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}`, () => {
    test.use({
      viewport: { width: 1280, height: 720 },
      colorScheme,
      libraryFiles: async ({}, use) => use({ [DATASET_FILE]: await datasetWithDoubt() })
    })

    test(`every view and dialog has no axe violations (${colorScheme})`, async ({ page, bridge }, testInfo) => {
      test.setTimeout(90_000)
      await openApp(page, bridge)
      await expect(page.locator('.timeline .vis-item').first()).toBeVisible()
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
      const found: Record<string, string[]> = {}
      const check = async (name: string) => {
        found[name] = await axe(page)
        await screenshot(page, testInfo, `${colorScheme}-${name}`)
      }

      await check('timeline')
      await page
        .locator('.timeline .vis-item')
        .filter({ hasText: /Moskva sinks/ })
        .first()
        .click()
      await expect(page.getByRole('complementary', { name: 'Event details' })).toBeVisible()
      await check('timeline-with-details')
      await page.getByRole('searchbox').fill('intelligence')
      await expect(page.locator('.search-pane')).toBeVisible()
      await check('search-results')
      await page.keyboard.press('Escape')
      await page.getByRole('searchbox').fill('')

      await page.keyboard.press('Control+2')
      await expect(page.getByRole('grid')).toBeVisible()
      await check('list')
      await page.keyboard.press('Control+3')
      await expect(page.getByRole('region', { name: /notes/i }).first()).toBeVisible()
      await check('notes')
      await page.keyboard.press('Control+1')

      const dialogs: [string, () => Promise<void>][] = [
        ['lanes', () => page.keyboard.press('Control+Shift+K')],
        ['export', () => page.keyboard.press('Control+Shift+X')],
        ['pdf', () => page.keyboard.press('Control+P')],
        ['import', () => page.keyboard.press('Control+I')],
        ['new-timeline', () => page.keyboard.press('Control+N')]
      ]
      for (const [name, open] of dialogs) {
        await page.locator('.timeline').focus()
        await open()
        await expect(dialog(page)).toBeVisible()
        await check(`dialog-${name}`)
        await page.keyboard.press('Escape')
        await expect(dialog(page)).toHaveCount(0)
      }
      // The import wizard's later steps on a colleague's sheet: columns, lanes, the merge review.
      bridge.dialogs.chooseImport = () => join(root, 'tests/fixtures/import-e2e/colleague-notes.csv')
      const wizard = page.getByRole('dialog', { name: /^Import/ })
      await page.locator('.timeline').focus()
      await page.keyboard.press('Control+I')
      await wizard.getByRole('button', { name: 'Choose a file…' }).click()
      await expect(wizard.getByRole('button', { name: 'Continue' })).toBeVisible()
      await check('import-columns')
      await wizard.getByRole('button', { name: 'Continue' }).click()
      await wizard.getByRole('button', { name: 'Review the merge' }).click()
      await expect(wizard.getByRole('heading', { name: 'Which of your lanes do their lanes go to?' })).toBeVisible()
      await check('import-lanes')
      await wizard.getByRole('button', { name: 'Review the merge' }).click()
      await expect(wizard.getByTestId('merge-summary')).toBeVisible()
      await check('merge-review')
      await page.keyboard.press('Escape')
      await expect(wizard).toBeHidden()

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])))
    })
  })
}

/** A timeline too full to draw every event: lanes show density and how many events they hold. */
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}, a crowded timeline`, () => {
    test.use({
      viewport: { width: 1280, height: 720 },
      colorScheme,
      libraryFiles: { 'crowded.chronotes.json': serializeDocument(syntheticDocument(3_000)) }
    })

    test(`its density view and its notes have no axe violations (${colorScheme})`, async ({
      page,
      bridge
    }, testInfo) => {
      await openCrowded(page, bridge, 'Synthetic 3000')
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme)
      const found = await axe(page)
      await screenshot(page, testInfo, `${colorScheme}-crowded`)
      expect(found).toEqual([])
      // axe leaves a colour-mixed background for review, so each count's contrast is computed here.
      expect(await countContrasts(page)).toEqual(Array(8).fill(true))

      // Its 600 notes, of which only those in view are drawn, checked scrolled into the middle.
      await page.keyboard.press('Control+3')
      const notes = page.locator('.notes-view .note-list > li')
      await expect(notes.first()).toBeVisible()
      await page.locator('.notes-view .scroll').evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight / 2))
      await expect(notes.first()).not.toHaveAttribute('aria-posinset', '1')
      await expect(notes.first()).toHaveAttribute('aria-setsize', '600')
      const inNotes = await axe(page)
      await screenshot(page, testInfo, `${colorScheme}-crowded-notes`)
      expect(inNotes).toEqual([])
    })
  })
}

/** A large timeline while it opens: its outline is drawn, and the bars wait (inert) for the document. */
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}, a large timeline opening`, () => {
    test.use({
      viewport: { width: 1280, height: 720 },
      colorScheme,
      libraryFiles: { 'large.chronotes.json': serializeDocument(syntheticDocument(OUTLINE_FROM)) }
    })

    test(`its first opening and its outline have no axe violations (${colorScheme})`, async ({
      page,
      bridge
    }, testInfo) => {
      // The first open ever: no outline yet, and the file new to the list, its events being counted (both held).
      const { release } = await holdDocumentOpens(page)
      const counts = await holdEventCounts(page)
      await page.goto(bridge.url)
      await expect(page.getByRole('main').getByRole('status')).toHaveText(/^Opening “Synthetic/)
      await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('Counting events…')
      const opening = await axe(page)
      await screenshot(page, testInfo, `${colorScheme}-first-opening`)
      counts.release()
      await release()
      expect(opening).toEqual([])
      // The first open wrote the outline; the next start draws it while the document is held back.
      await expect(page.getByTestId('save-state')).toHaveText(/^Saved/)
      await page.goto(bridge.url)
      await expect(page.getByTestId('save-state')).toHaveText(/^Opening/)
      await expect(page.locator('.timeline .lane-count')).toHaveCount(8)
      const found = await axe(page)
      await screenshot(page, testInfo, `${colorScheme}-outline`)
      await release()
      expect(found).toEqual([])
      expect(await countContrasts(page)).toEqual(Array(8).fill(true))
    })
  })
}
