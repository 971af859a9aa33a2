/**
 * A hostile colleague's Chronotes file — script and event-handler payloads in every text field —
 * imported by dropping it on the window and merged, or opened as a new timeline through the
 * dialog; then shown everywhere the app shows text: the wizard and its review, the timeline, the
 * search results, the details panel, the list and the notes view. Nothing from it may run, and
 * nothing may be fetched (an <img src=x> that had been made would ask for /x).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Note, Source, TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { DATASET_FILE, DATASET_TITLE, datasetsDir, expect, openApp, screenshot, test } from './fixtures'

const IMG = '<img src=x onerror="window.__pwned=1">'
const SCRIPT = '<script>window.__pwned=1</script>'
const SVG = '<svg onload="window.__pwned=1"></svg>'
const IFRAME = '<iframe src="javascript:window.__pwned=1"></iframe>'
const STYLE = '<style>body{background:url(https://evil.example/css)}</style>'
const LINK = '[read more](javascript:window.__pwned=1)'
const EVERYTHING = `${IMG} ${SCRIPT} ${SVG} ${IFRAME} ${STYLE} ${LINK}`

const TITLE = `Hostile ${IMG} event ${SCRIPT}`
const SECOND = `Second ${SVG} hostile event`
const MOSKVA_TITLE = `Moskva ${IFRAME} retitled`
const LANE = `Lane ${IMG}`
const AUTHOR = `Mallory ${IMG}`
const NOTE_BODY = `A note ${SCRIPT} ${IMG} ${LINK}`
const FILE_NAME = 'mallory.chronotes.json'

/** The dataset as a colleague's copy whose every text field carries a payload. */
async function hostileFile(): Promise<string> {
  const dataset = JSON.parse(await readFile(join(datasetsDir, DATASET_FILE), 'utf8')) as TimelineDocument
  const stamp = '2026-12-01T09:00:00.000Z'
  const note = (id: string): Note => ({ id, author: AUTHOR, body: NOTE_BODY, createdAt: stamp, updatedAt: stamp })
  const source: Source = {
    title: `Source title ${IMG}`,
    outlet: `Outlet ${SCRIPT}`,
    url: 'https://example.org/article?q=%3Cscript%3E',
    published: '2025-01-01'
  }
  const lane = { id: 'mallory-lane', title: LANE, color: '#d55e00', order: 99 }
  const event = (id: string, title: string, start: string, noteId: string): TimelineItem => ({
    id,
    groupId: lane.id,
    kind: 'point',
    start,
    title,
    description: `Before ${EVERYTHING} after.`,
    tags: [`tag ${IMG}`.slice(0, 100), 'mallory'],
    confidence: 'reported',
    sources: [source],
    notes: [note(noteId)],
    createdAt: stamp,
    updatedAt: stamp
  })
  // One of my events, retitled by them: the review shows it beside mine.
  const items = dataset.items.map((item) =>
    /Moskva sinks/.test(item.title) ? { ...item, title: MOSKVA_TITLE, updatedAt: stamp } : item
  )
  const doc: TimelineDocument = {
    ...dataset,
    id: '6a1f2b3c-4d5e-4f60-8172-93a4b5c6d7e8',
    title: `Mallory’s timeline ${IMG} ${SCRIPT}`,
    description: `Shared ${EVERYTHING}`,
    groups: [...dataset.groups, lane],
    items: [
      ...items,
      event('0c6f8c2e-1111-4a4a-9b9b-000000000001', TITLE, '2022-04-15', '0c6f8c2e-2222-4a4a-9b9b-000000000001'),
      event('0c6f8c2e-1111-4a4a-9b9b-000000000002', SECOND, '2022-04-20', '0c6f8c2e-2222-4a4a-9b9b-000000000002')
    ]
  }
  return JSON.stringify(doc, null, 2)
}

/** No element made from the file's text: no image, script, frame, SVG or handler attribute anywhere. */
async function expectInert(page: Page): Promise<void> {
  await expect(
    page.locator('img, script:not([src]), iframe, svg[onload], [onerror], [onload], a[href^="javascript:"]')
  ).toHaveCount(0)
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
}

/** Drops a file on the window as the desktop does: dragenter, dragover, drop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, contents]) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([contents!], fileName!, { type: 'application/json' }))
      return transfer
    },
    [name, text]
  )
  await page.dispatchEvent('main', 'dragenter', { dataTransfer })
  await page.dispatchEvent('main', 'dragover', { dataTransfer })
  await expect(page.getByText('Drop to import')).toBeVisible()
  await page.dispatchEvent('main', 'drop', { dataTransfer })
  await expect(page.getByText('Drop to import')).toBeHidden()
}

test('dropped, reviewed, merged and shown everywhere: every payload stays text and nothing runs', async ({
  page,
  bridge
}, testInfo) => {
  const requested: string[] = []
  page.on('request', (request) => requested.push(request.url()))
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE) // the dataset is open
  await dropFile(page, FILE_NAME, await hostileFile())

  // The wizard: the file's title as text, then the review with their events and the retitled one.
  const wizard = page.getByRole('dialog', { name: /^Import/ })
  await expect(wizard.getByText(`Read Mallory’s timeline ${IMG} ${SCRIPT}: 90 events, 9 lanes, 2 notes.`)).toBeVisible()
  await wizard.getByRole('button', { name: 'Review the merge' }).click()
  // Their new lane, named with markup, in the lane step: as text.
  await expect(wizard.getByRole('heading', { name: 'Which of your lanes do their lanes go to?' })).toBeVisible()
  await expect(wizard.locator('.their .name', { hasText: LANE })).toHaveText(LANE)
  await expect(wizard.getByLabel(`Lane for their “${LANE}”`)).toHaveValue('') // a new lane
  await expectInert(page)
  await wizard.getByRole('button', { name: 'Review the merge' }).click()
  await expect(wizard.locator('.section-title')).toHaveText([
    'New (2)',
    'Same event? (0)',
    'Changed (1)',
    'Changed by you (0)',
    'Conflicts (0)',
    'Identical (87)'
  ])
  await expect(wizard.locator('.new-title')).toHaveText([TITLE, SECOND])
  await expect(wizard.locator('article.compare .theirs-value').first()).toHaveText(MOSKVA_TITLE)
  await expect(wizard.locator('.new-meta').first()).toContainText(LANE)
  await screenshot(page, testInfo, 'hostile-review')
  await expectInert(page)
  await wizard.getByRole('button', { name: 'Confirm merge' }).click()
  await expect(wizard).toBeHidden()
  await expect(page.locator('.statusbar')).toContainText('90 events · 9 lanes')

  // The timeline: the retitled event and the new lane, as text.
  const moskva = page.locator('.timeline .vis-item .item-title', { hasText: 'retitled' })
  await expect(moskva).toHaveText(MOSKVA_TITLE)
  await expect(page.locator('.timeline .vis-label').filter({ hasText: LANE })).toHaveCount(1)
  await expectInert(page)

  // The search results, then the details panel of the first hostile event.
  await page.getByLabel('Find events').fill('hostile event')
  const results = page.getByRole('complementary', { name: 'Search results' }).getByRole('option')
  await expect(results).toHaveCount(2)
  await expect(results.first()).toContainText(TITLE)
  await expectInert(page)
  await results.first().click()
  const details = page.getByRole('complementary', { name: 'Event details' })
  await expect(details.locator('textarea.title-input')).toHaveValue(TITLE)
  const description = details.locator('.markdown-field').filter({ hasText: 'Description' })
  await expect(description.locator('textarea')).toHaveValue(`Before ${EVERYTHING} after.`)
  await description.getByRole('tab', { name: 'Preview' }).click()
  await expect(description.locator('.preview .markdown')).toContainText(`Before ${IMG} ${SCRIPT} ${SVG}`)
  await expect(details).toContainText(`Outlet ${SCRIPT}`)
  await expect(details).toContainText(`Source title ${IMG}`)
  await expect(details).toContainText(`tag ${IMG}`)
  await expect(details.locator('.note')).toContainText(AUTHOR)
  await expect(details.locator('.note')).toContainText(SCRIPT)
  await screenshot(page, testInfo, 'hostile-details')
  await expectInert(page)

  // The list of events (the search keeps it short).
  await page.getByRole('radio', { name: 'List' }).click()
  const grid = page.getByRole('grid', { name: 'Events' })
  await expect(grid.getByRole('row').filter({ hasText: TITLE })).toHaveCount(1)
  await expect(grid.getByRole('row').filter({ hasText: SECOND })).toHaveCount(1)
  await expectInert(page)

  // The notes view: the notes with their authors, as text.
  await page.getByLabel('Find events').fill('')
  await page.getByRole('radio', { name: 'Notes' }).click()
  const notes = page.locator('.notes-view article.entry')
  await expect(notes).toHaveCount(2)
  await expect(notes.first()).toContainText(AUTHOR)
  await expect(notes.first().locator('.note-body')).toContainText(SCRIPT)
  await screenshot(page, testInfo, 'hostile-notes')
  await expectInert(page)

  expect(requested.filter((url) => new URL(url).pathname === '/x')).toEqual([])
  expect(requested.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([])
})

test('opened as a new timeline through the dialog: its title in the library and the toolbar is text', async ({
  page,
  bridge
}, testInfo) => {
  const path = testInfo.outputPath(FILE_NAME)
  await writeFile(path, await hostileFile())
  bridge.dialogs.chooseImport = () => path
  await openApp(page, bridge)
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE) // the dataset is open
  await page.keyboard.press('ControlOrMeta+i')
  const wizard = page.getByRole('dialog', { name: /^Import/ })
  await wizard.getByRole('button', { name: 'Choose a file…' }).click()
  await wizard.getByRole('radio', { name: 'Open as a new timeline' }).check()
  await wizard.getByRole('button', { name: 'Open as a new timeline' }).click()
  await expect(wizard).toBeHidden()
  const title = `Mallory’s timeline ${IMG} ${SCRIPT}`
  await expect(page.locator('h1.doc-title')).toHaveText(title)
  await expect(
    page.getByRole('navigation', { name: 'Library' }).locator('.entry-title', { hasText: 'Mallory' })
  ).toHaveText(title)
  await expect(page.locator('.statusbar')).toContainText('90 events · 9 lanes')
  await expectInert(page)
})
