/**
 * A colleague's files, end to end in the built renderer over the loopback bridge: a spreadsheet
 * with its columns to map and an ambiguous date column, merged after a review with one conflict,
 * undone and redone (on screen and on disk); and an export to TimelineJS that the real TimelineJS
 * library loads with every event.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { DATASET_FILE, DATASET_TITLE, expect, openApp, readJson, root, screenshot, test } from './fixtures'

const SHEET = join(root, 'tests/fixtures/import-e2e/colleague-sheet.csv')
const DISCORD = 'Discord leaker Jack Teixeira gets 15 years in prison'
const THEIR_DISCORD =
  'On 12 November 2024 a federal judge in Boston sentenced Jack Teixeira to 15 years in prison for posting classified papers about the war in Ukraine and other subjects to a Discord group.'
const WORKSHOP = 'Workshop with Kyiv analysts on open-source imagery'

const wizard = (page: Page) => page.getByRole('dialog', { name: /^Import/ })
const statusbar = (page: Page) => page.locator('.statusbar')
const saveState = (page: Page) => page.getByTestId('save-state')
/** Their event, looked for with the search box (the timeline draws only the lanes in view). */
async function findEvent(page: Page, words: string): Promise<Locator> {
  await page.getByLabel('Find events').fill(words)
  return page.getByRole('complementary', { name: 'Search results' }).getByRole('option')
}

const byTitle = (doc: TimelineDocument, title: string): TimelineItem | undefined =>
  doc.items.find((item) => item.title === title)

/** The document on disk once autosave has caught up with `items` events. */
async function onDisk(libraryDir: string, items: number): Promise<TimelineDocument> {
  const path = join(libraryDir, DATASET_FILE)
  await expect.poll(async () => (await readJson<TimelineDocument>(path)).items.length, { timeout: 5000 }).toBe(items)
  return readJson<TimelineDocument>(path)
}

test('a colleague’s spreadsheet: map its columns, answer its date order, review one conflict, merge, undo, redo', async ({
  page,
  bridge,
  libraryDir
}, testInfo) => {
  test.setTimeout(60_000) // many steps, each waiting on the page, on a machine shared with others
  bridge.dialogs.chooseImport = () => SHEET
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE) // the dataset is open
  const original = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))

  // File › Import… (Ctrl+I), then the main process's open dialog.
  await page.keyboard.press('ControlOrMeta+i')
  await expect(wizard(page)).toBeVisible()
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click()

  // The mapping step: pre-filled from the headers, except the one it cannot know.
  await expect(wizard(page).getByRole('heading', { name: 'What do the columns hold?' })).toBeVisible()
  const holds = (header: string) => wizard(page).getByLabel(`What “${header}” holds`)
  await expect(holds('When')).toHaveValue('start')
  await expect(holds('Headline')).toHaveValue('title')
  await expect(holds('Category')).toHaveValue('group')
  await expect(holds('Link')).toHaveValue('sourceUrl')
  await expect(holds('Memo')).toHaveValue('ignore')
  await holds('Memo').selectOption('notes')
  // Every date in "When" reads both ways: the user must say which, once for the column.
  const continueButton = wizard(page).getByRole('button', { name: 'Continue' })
  await expect(continueButton).toBeDisabled()
  await expect(wizard(page).getByText('Say how the dates in “When” are written.')).toBeVisible()
  await wizard(page)
    .getByRole('radio', { name: /5 August 2020/ })
    .check()
  await expect(wizard(page).getByTestId('mapping-count')).toHaveText('6 of 6 rows will import.')
  await screenshot(page, testInfo, 'import-1-mapping')
  await continueButton.click()

  // Where it goes: merging into the open timeline is the default.
  await expect(wizard(page).getByText('colleague-sheet: 6 events, 5 lanes, 3 notes.')).toBeVisible()
  await expect(wizard(page).getByRole('radio', { name: `Merge into ‘${DATASET_TITLE}’` })).toBeChecked()
  await screenshot(page, testInfo, 'import-2-destination')
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()

  // Their lanes onto mine: four have my names, "Field reports" is none of mine.
  await expect(wizard(page).getByLabel('Lane for their “Field reports”')).toHaveValue('')
  await expect(wizard(page).getByLabel('Lane for their “Diplomacy”')).toHaveValue('diplomacy')
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()

  // The review: three new, two identical (skipped), one conflict shown field by field.
  const headings = wizard(page).locator('.section-title')
  await expect(headings).toHaveText([
    'New (3)',
    'Same event? (0)',
    'Changed (0)',
    'Changed by you (0)',
    'Conflicts (1)',
    'Identical (2)'
  ])
  const conflict = wizard(page).locator('article.compare.conflict')
  await expect(conflict).toHaveCount(1)
  await expect(conflict.locator('.compare-title')).toHaveText(DISCORD)
  await expect(conflict.locator('tbody tr')).toHaveCount(2) // the description, and the notes
  await expect(conflict.locator('.theirs-value').first()).toHaveText(THEIR_DISCORD)
  await expect(conflict.getByRole('radio', { name: 'Keep mine' })).toBeChecked()
  await conflict.getByRole('radio', { name: 'Take theirs' }).check()
  const summary = wizard(page).getByTestId('merge-summary')
  await expect(summary).toHaveText('Will add 3 events, update 1; 3 notes will be added, 1 lane will be added.')
  await screenshot(page, testInfo, 'import-3-review')
  // Nothing has changed before the user confirms.
  await expect(statusbar(page)).toContainText('88 events · 8 lanes')
  await wizard(page).getByRole('button', { name: 'Confirm merge' }).click()
  await expect(wizard(page)).toBeHidden()

  // In the app: the new lane and events, the notice, one step to undo.
  await expect(statusbar(page)).toContainText('91 events · 9 lanes')
  await expect(page.getByRole('status').filter({ hasText: 'Imported colleague-sheet.csv' })).toContainText(
    `Imported colleague-sheet.csv into ‘${DATASET_TITLE}’: 3 events added, 1 updated, 3 notes added.`
  )
  await expect(page.locator('.timeline .vis-label').filter({ hasText: 'Field reports' })).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Undo import colleague-sheet\.csv/)
  await screenshot(page, testInfo, 'import-4-merged')
  const found = await findEvent(page, WORKSHOP)
  await expect(found).toHaveCount(1)
  await expect(found).toContainText('Field reports')
  await page.getByLabel('Find events').fill('')

  // On disk, after autosave: their events with where they came from, their text, their notes.
  let saved = await onDisk(libraryDir, 91)
  const discord = byTitle(saved, DISCORD)!
  expect(discord.id).toBe(byTitle(original, DISCORD)!.id)
  expect(discord.description).toBe(THEIR_DISCORD)
  expect(discord.notes.map((note) => [note.author, note.body])).toEqual([
    ['Olena', 'checked against the court docket on 13 November.']
  ])
  expect(discord.provenance?.importedFrom).toBe('colleague-sheet.csv')
  const workshop = byTitle(saved, WORKSHOP)!
  expect(workshop.start).toBe('2024-03-04')
  expect(workshop.notes.map((note) => note.author)).toEqual(['Olena', 'Marko'])
  expect(saved.groups.map((group) => group.title)).toContain('Field reports')

  // Undo: the whole import goes, in one step.
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(statusbar(page)).toContainText('88 events · 8 lanes')
  await expect(await findEvent(page, WORKSHOP)).toHaveCount(0)
  await page.getByLabel('Find events').fill('')
  saved = await onDisk(libraryDir, 88)
  expect(saved.items).toEqual(original.items)
  expect(saved.groups).toEqual(original.groups)

  // Redo: all of it back.
  await page.getByRole('button', { name: 'Redo' }).click()
  await expect(statusbar(page)).toContainText('91 events · 9 lanes')
  await expect(await findEvent(page, WORKSHOP)).toHaveCount(1)
  saved = await onDisk(libraryDir, 91)
  expect(byTitle(saved, DISCORD)!.description).toBe(THEIR_DISCORD)
  await expect(saveState(page)).toHaveText(/^Saved/)
})

test('Cancel in the review leaves the timeline as it was, on screen and on disk', async ({
  page,
  bridge,
  libraryDir
}) => {
  bridge.dialogs.chooseImport = () => SHEET
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE) // the dataset is open
  const before = await readFile(join(libraryDir, DATASET_FILE), 'utf8')
  await page.keyboard.press('ControlOrMeta+i')
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click()
  await wizard(page)
    .getByRole('radio', { name: /5 August 2020/ })
    .check()
  await wizard(page).getByRole('button', { name: 'Continue' }).click()
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click() // the lanes as suggested
  await expect(wizard(page).locator('article.compare.conflict')).toHaveCount(1)
  await wizard(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(wizard(page)).toBeHidden()
  await expect(statusbar(page)).toContainText('88 events · 8 lanes')
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled()
  await expect(saveState(page)).toHaveText('Saved')
  expect(await readFile(join(libraryDir, DATASET_FILE), 'utf8')).toBe(before)
})

const NOTES_SHEET = join(root, 'tests/fixtures/import-e2e/colleague-notes.csv')
const NOTES_SHEET_UPDATED = join(root, 'tests/fixtures/import-e2e/updated/colleague-notes.csv')
const THEIR_TEIXEIRA = 'Jack Teixeira, the Discord leaker, sentenced to 15 years in prison'
const INTERVIEW = 'Interview with a former HUR liaison officer'

test('a colleague’s sheet: their lanes mapped onto mine, a near-duplicate merged into mine; their update re-imported as "changed"', async ({
  page,
  bridge,
  libraryDir
}, testInfo) => {
  test.setTimeout(60_000) // two imports, each through four steps
  await page.setViewportSize({ width: 1280, height: 720 })
  bridge.dialogs.chooseImport = () => NOTES_SHEET
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)
  const original = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  const mineDiscord = byTitle(original, DISCORD)!

  await page.keyboard.press('ControlOrMeta+i')
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click()
  await wizard(page).getByRole('button', { name: 'Continue' }).click() // their columns, as suggested
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()

  // Lanes: a near-synonym and a singular pre-filled onto mine; "Sanctions" a new lane.
  await expect(wizard(page).getByRole('heading', { name: 'Which of your lanes do their lanes go to?' })).toBeVisible()
  const lane = (title: string) => wizard(page).getByLabel(`Lane for their “${title}”`)
  await expect(lane('Leak')).toHaveValue('leak-or-disclosure')
  await expect(lane('Russian action')).toHaveValue('russian-action')
  await expect(lane('Sanctions')).toHaveValue('')
  await expect(wizard(page).getByTestId('lanes-summary')).toHaveText('1 new lane, 2 into yours.')
  await screenshot(page, testInfo, 'merge-1-lanes-1280x720')
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()

  // "Same event?": their Teixeira beside mine, both kept unless I merge them.
  const headings = wizard(page).locator('.section-title')
  await expect(headings).toHaveText([
    'New (2)',
    'Same event? (1)',
    'Changed (0)',
    'Changed by you (0)',
    'Conflicts (0)',
    'Identical (0)'
  ])
  const duplicate = wizard(page).locator('#merge-duplicate article.compare')
  await expect(duplicate.locator('.compare-title')).toHaveText(DISCORD)
  await expect(duplicate.locator('.theirs-value').first()).toHaveText(THEIR_TEIXEIRA)
  await expect(duplicate.getByRole('radio', { name: 'Keep both' })).toBeChecked()
  await duplicate.getByRole('radio', { name: 'Merge, keep my fields' }).check()
  const summary = wizard(page).getByTestId('merge-summary')
  await expect(summary).toHaveText(
    'Will add 2 events, merge 1 duplicate into yours; 1 note will be added, 1 lane will be added.'
  )
  await wizard(page).locator('#merge-duplicate').scrollIntoViewIfNeeded()
  await screenshot(page, testInfo, 'merge-2-same-event-1280x720')
  await wizard(page).getByRole('button', { name: 'Confirm merge' }).click()
  await expect(wizard(page)).toBeHidden()
  await expect(statusbar(page)).toContainText('90 events · 9 lanes')

  let saved = await onDisk(libraryDir, 90)
  const discord = byTitle(saved, DISCORD)!
  expect(discord.id).toBe(mineDiscord.id)
  expect(discord.notes.map((note) => note.body)).toEqual([
    ...mineDiscord.notes.map((note) => note.body),
    'checked against the court docket on 13 November.'
  ])
  expect(discord.sources.map((source) => source.url)).toContain('https://example.org/teixeira-sentencing')
  expect(byTitle(saved, INTERVIEW)!.groupId).toBe('russian-action')
  const sanctions = saved.groups.find((group) => group.title === 'Sanctions')!
  expect(original.groups.map((group) => group.color)).not.toContain(sanctions.color)

  // Their updated file, the same name: only their description of the interview changed.
  bridge.dialogs.chooseImport = () => NOTES_SHEET_UPDATED
  await page.keyboard.press('ControlOrMeta+i')
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click()
  await wizard(page).getByRole('button', { name: 'Continue' }).click()
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()
  await wizard(page).getByRole('button', { name: 'Review the merge' }).click()
  // Regression (issue 11): this was a conflict with "Keep mine" preselected.
  await expect(headings).toHaveText([
    'New (0)',
    'Same event? (0)',
    'Changed (1)',
    'Changed by you (1)',
    'Conflicts (0)',
    'Identical (1)'
  ])
  const changed = wizard(page).locator('#merge-changed article.compare')
  await expect(changed.locator('.compare-title')).toHaveText(INTERVIEW)
  await expect(changed.locator('.theirs-value')).toHaveText('Background interview, not for attribution.')
  await expect(changed.getByRole('radio', { name: 'Take theirs' })).toBeChecked()
  await expect(wizard(page).locator('#merge-mine-changed .compare-title')).toHaveText(DISCORD)
  await screenshot(page, testInfo, 'merge-3-changed-1280x720')
  await wizard(page).getByRole('button', { name: 'Confirm merge' }).click()
  await expect(wizard(page)).toBeHidden()
  await expect
    .poll(async () => byTitle(await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE)), INTERVIEW)?.description)
    .toBe('Background interview, not for attribution.')
  saved = await onDisk(libraryDir, 90)
  expect(byTitle(saved, DISCORD)!.notes).toHaveLength(discord.notes.length)
})

test('export to TimelineJS JSON through the export dialog; the real TimelineJS shows every event', async ({
  page,
  bridge,
  libraryDir,
  context
}, testInfo) => {
  const target = join(libraryDir, 'for-timelinejs.json')
  const suggested: string[] = []
  bridge.dialogs.chooseExport = (name) => {
    suggested.push(name)
    return target
  }
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE) // the dataset is open
  await page.keyboard.press('ControlOrMeta+Shift+X')
  const dialog = page.getByRole('dialog', { name: /^Export/ })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Format').selectOption('timelinejs-json')
  await expect(dialog.getByRole('radio', { name: 'All 88 events' })).toBeChecked()
  await dialog.getByRole('button', { name: 'Save…' }).click()
  await expect(dialog.getByRole('status')).toHaveText(`Saved 88 events to ${target}`)
  expect(suggested).toEqual([`${DATASET_TITLE}.json`])
  await screenshot(page, testInfo, 'export-timelinejs')
  await dialog.getByRole('button', { name: 'Open the file' }).click()
  await expect.poll(() => bridge.openedPaths).toEqual([target])

  const dataset = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  const exported = await readJson<{ events: { text: { headline: string } }[] }>(target)
  expect(exported.events).toHaveLength(88)

  // The real TimelineJS, from node_modules, on a page of its own; it may not reach the network.
  const viewer = await context.newPage()
  const requests: string[] = []
  viewer.on('request', (request) => requests.push(request.url()))
  const errors: string[] = []
  viewer.on('pageerror', (error) => errors.push(error.message))
  await viewer.route(/^https?:/, (route) => route.abort())
  const dist = join(root, 'node_modules/@knight-lab/timelinejs/dist')
  await viewer.setContent('<div id="timeline-embed" style="width: 1200px; height: 700px"></div>')
  await viewer.addStyleTag({ path: join(dist, 'css/timeline.css') })
  await viewer.addScriptTag({ path: join(dist, 'js/timeline.js') })
  await viewer.evaluate((data) => {
    const TL = (window as unknown as { TL: { Timeline: new (id: string, data: unknown, options: object) => unknown } })
      .TL
    // No web font: the default one is fetched from Knight Lab's CDN.
    new TL.Timeline('timeline-embed', data, { hash_bookmark: false, language: 'en', font: null })
  }, exported)
  const headlines = viewer.locator('.tl-slide:not(.tl-slide-titleslide) .tl-headline')
  await expect(headlines).toHaveCount(88, { timeout: 15_000 })
  const shown = new Set(await headlines.allTextContents())
  const missing = dataset.items.filter((item) => !shown.has(item.title)).map((item) => item.title)
  expect(missing).toEqual([])
  await expect(viewer.locator('.tl-timemarker')).toHaveCount(88)
  await viewer.screenshot({ path: testInfo.outputPath('timelinejs.png') })
  expect(errors).toEqual([])
  expect(requests.filter((url) => /^https?:/.test(url))).toEqual([])
  await viewer.close()
})
