/**
 * A researcher's flows in the built renderer, over the loopback bridge to the real library
 * service and real files: first run, the library's commands, editing and saving, a file changed
 * by another program, a damaged file, and a hostile colleague's file.
 */
import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { syntheticDocument } from '../../bench/synthetic'
import { serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument } from '../../src/shared/model/schema'
import {
  DATASET_FILE,
  DATASET_TITLE,
  datasetsDir,
  documentFiles,
  expect,
  holdDocumentOpens,
  holdEventCounts,
  openApp,
  readJson,
  screenshot,
  test
} from './fixtures'

const MOSKVA = /Moskva sinks/

const library = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const entry = (page: Page, title: string | RegExp) =>
  library(page)
    .locator('li.entry')
    .filter({ has: page.locator('.entry-title', { hasText: title }) })
const saveState = (page: Page) => page.getByTestId('save-state')
const details = (page: Page) => page.getByRole('complementary', { name: 'Event details' })
const timelineItem = (page: Page, title: string | RegExp): Locator =>
  page.locator('.timeline .vis-item').filter({ has: page.locator('.item-title', { hasText: title }) })

/** Answers the app's prompt dialog ("+ New", "Rename"). */
async function answerPrompt(page: Page, value: string, confirm: string): Promise<void> {
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Title').fill(value)
  await dialog.getByRole('button', { name: confirm, exact: true }).click()
  await expect(dialog).toBeHidden()
}

/** Clicks an event on the timeline and waits for its details. */
async function openEvent(page: Page, title: string | RegExp): Promise<void> {
  await timelineItem(page, title).first().click()
  await expect(details(page)).toBeVisible()
}

async function renameEventInDetails(page: Page, title: string): Promise<void> {
  const input = details(page).locator('textarea.title-input')
  await input.fill(title)
  await input.press('Enter')
}

test('first run: the bundled dataset is in the library, open, and drawn on the timeline', async ({
  page,
  bridge,
  libraryDir
}, testInfo) => {
  await openApp(page, bridge)

  const dataset = entry(page, DATASET_TITLE)
  await expect(dataset).toHaveCount(1)
  await expect(dataset.locator('.entry-open')).toHaveAttribute('aria-current', 'page')
  await expect(dataset.locator('.entry-meta')).toHaveText('88 events')
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)
  await expect(page).toHaveTitle(`${DATASET_TITLE} — Chronotes`)
  await expect(page.locator('.statusbar')).toContainText('88 events · 8 lanes')
  await expect(saveState(page)).toHaveText('Saved')

  // The timeline shows the lanes and the events, the Moskva sinking among them.
  await expect(page.locator('.timeline .vis-label')).toHaveCount(8)
  await expect(timelineItem(page, MOSKVA)).toBeVisible()
  expect(await page.locator('.timeline .vis-item.vis-point').count()).toBeGreaterThan(40)
  await screenshot(page, testInfo, 'first-run')

  // On disk: the dataset was copied into the library folder, whole.
  expect(await documentFiles(libraryDir)).toEqual([DATASET_FILE])
  const onDisk = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  expect(onDisk.title).toBe(DATASET_TITLE)
  expect(onDisk.items).toHaveLength(88)
})

test('create, rename, duplicate and trash a timeline: the files follow', async ({
  page,
  bridge,
  libraryDir
}, testInfo) => {
  await openApp(page, bridge)

  // Create.
  await library(page).getByRole('button', { name: '+ New' }).click()
  await answerPrompt(page, 'Field notes 2022', 'Create')
  const created = entry(page, 'Field notes 2022')
  await expect(created.locator('.entry-open')).toHaveAttribute('aria-current', 'page')
  await expect(page.locator('h1.doc-title')).toHaveText('Field notes 2022')
  await expect(page.locator('.statusbar')).toContainText('0 events')
  await expect(page.locator('.timeline .vis-item')).toHaveCount(0)
  expect(existsSync(join(libraryDir, 'field-notes-2022.chronotes.json'))).toBe(true)
  await screenshot(page, testInfo, 'created')

  // Rename: the file gets the new title's name, the old file is gone.
  await created.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByRole('dialog').getByLabel('Title')).toHaveValue('Field notes 2022')
  await answerPrompt(page, 'Field notes, Kyiv 2022', 'Rename')
  const renamed = entry(page, 'Field notes, Kyiv 2022')
  await expect(renamed.locator('.entry-open')).toHaveAttribute('aria-current', 'page')
  await expect(entry(page, /^Field notes 2022$/)).toHaveCount(0)
  await expect
    .poll(() => documentFiles(libraryDir))
    .toEqual([DATASET_FILE, 'field-notes-kyiv-2022.chronotes.json'].sort())
  expect((await readJson<TimelineDocument>(join(libraryDir, 'field-notes-kyiv-2022.chronotes.json'))).title).toBe(
    'Field notes, Kyiv 2022'
  )

  // Duplicate: the copy appears and is the one open.
  await renamed.getByRole('button', { name: 'Duplicate' }).click()
  const copy = entry(page, 'Field notes, Kyiv 2022 (copy)')
  await expect(copy.locator('.entry-open')).toHaveAttribute('aria-current', 'page')
  const copyFile = 'field-notes-kyiv-2022-copy.chronotes.json'
  expect(existsSync(join(libraryDir, copyFile))).toBe(true)
  await screenshot(page, testInfo, 'duplicated')

  // Trash the copy (the app asks first): it leaves the list and lands in <library>/Trash/.
  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm')
    void dialog.accept()
  })
  await copy.getByRole('button', { name: 'Trash' }).click()
  await expect(copy).toHaveCount(0)
  await expect(entry(page, 'Field notes, Kyiv 2022')).toHaveCount(1)
  expect(existsSync(join(libraryDir, copyFile))).toBe(false)
  const trashed = await readdir(join(libraryDir, 'Trash'))
  expect(trashed).toHaveLength(1)
  expect(trashed[0]).toMatch(new RegExp(` ${copyFile.replace(/\./g, '\\.')}$`))
  expect((await readJson<TimelineDocument>(join(libraryDir, 'Trash', trashed[0]!))).title).toBe(
    'Field notes, Kyiv 2022 (copy)'
  )
  expect(await documentFiles(libraryDir)).toEqual([DATASET_FILE, 'field-notes-kyiv-2022.chronotes.json'].sort())
})

test('an edited event title autosaves and is still there after a restart', async ({
  page,
  bridge,
  libraryDir,
  restart
}, testInfo) => {
  await openApp(page, bridge)
  await openEvent(page, MOSKVA)
  const input = details(page).locator('textarea.title-input')
  await expect(input).toHaveValue(MOSKVA)
  const { items } = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  const moskva = items.find((item) => MOSKVA.test(item.title))!

  const edited = 'The Moskva goes down in the Black Sea (edited in Chronotes)'
  await renameEventInDetails(page, edited)
  await expect(saveState(page)).toHaveText('Unsaved changes')
  await expect(page).toHaveTitle(`• ${DATASET_TITLE} — Chronotes`)
  await expect(timelineItem(page, edited)).toBeVisible()
  await screenshot(page, testInfo, 'edited-unsaved')
  await expect(saveState(page)).toHaveText(/^Saved/)
  await expect(page).toHaveTitle(`${DATASET_TITLE} — Chronotes`)

  await restart()
  await page.reload()
  await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)
  await expect(timelineItem(page, edited)).toBeVisible()
  await expect(timelineItem(page, MOSKVA)).toHaveCount(0)
  await expect(saveState(page)).toHaveText('Saved')
  await screenshot(page, testInfo, 'edited-after-restart')

  const saved = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  expect(saved.items).toHaveLength(88)
  expect(saved.items.find((item) => item.id === moskva.id)?.title).toBe(edited)
})

test('an edit not yet autosaved is saved when the app quits', async ({ page, bridge, libraryDir, restart }) => {
  await openApp(page, bridge)
  await openEvent(page, MOSKVA)
  const edited = 'The Moskva goes down (saved on quit)'
  await renameEventInDetails(page, edited)
  await expect(saveState(page)).toHaveText('Unsaved changes')
  // Quit at once, well inside the autosave delay: the flush on quit must save it.
  await restart()
  const saved = await readJson<TimelineDocument>(join(libraryDir, DATASET_FILE))
  expect(saved.items.filter((item) => item.title === edited)).toHaveLength(1)
  await page.reload()
  await expect(timelineItem(page, edited)).toBeVisible()
})

test('a file changed on disk by another program: the user chooses, and "Keep mine" keeps theirs as a backup', async ({
  page,
  bridge,
  libraryDir
}, testInfo) => {
  await openApp(page, bridge)
  // The file is open (read and drawn) before the other program writes it: a read in the middle of
  // that program's write would find half a file.
  await expect(timelineItem(page, MOSKVA).first()).toBeVisible()
  const path = join(libraryDir, DATASET_FILE)
  const original = await readJson<TimelineDocument>(path)
  const moskva = original.items.find((item) => MOSKVA.test(item.title))!
  const other = original.items.find((item) => item.id !== moskva.id)!

  // Another program (a colleague's sync, an editor) rewrites the file while it is open.
  const theirs = structuredClone(original)
  theirs.items.find((item) => item.id === other.id)!.title = 'Changed by another program'
  const theirsText = JSON.stringify(theirs, null, 2) + '\n'
  await writeFile(path, theirsText)

  await openEvent(page, MOSKVA)
  const mine = 'The Moskva goes down (my edit)'
  await renameEventInDetails(page, mine)
  await expect(saveState(page)).toHaveText('Changed on disk by another program: choose what to keep')
  const status = page.locator('.statusbar')
  for (const choice of ['Keep mine', 'Load theirs', 'Save mine as a copy'])
    await expect(status.getByRole('button', { name: choice })).toBeVisible()
  // Nothing was written over their version while the user decides.
  expect(await readFile(path, 'utf8')).toBe(theirsText)
  await screenshot(page, testInfo, 'conflict')

  await status.getByRole('button', { name: 'Keep mine' }).click()
  await expect(saveState(page)).toHaveText(/^Saved/)
  await expect(status.getByRole('button', { name: 'Keep mine' })).toHaveCount(0)

  const saved = await readJson<TimelineDocument>(path)
  expect(saved.items.find((item) => item.id === moskva.id)?.title).toBe(mine)
  expect(saved.items.find((item) => item.id === other.id)?.title).toBe(other.title)
  // Their version is not lost: it is the backup the save made.
  const backupDir = join(libraryDir, '.chronotes', 'backups', DATASET_FILE)
  const backups = await readdir(backupDir)
  const contents = await Promise.all(backups.map((file) => readFile(join(backupDir, file), 'utf8')))
  expect(contents).toContain(theirsText)
})

test.describe('a damaged file in the library', () => {
  const broken = '{ not json'
  test.use({ libraryFiles: { 'broken.chronotes.json': broken } })

  test('is listed as unreadable, opening it names the problem, and it is never changed', async ({
    page,
    bridge,
    libraryDir
  }, testInfo) => {
    await openApp(page, bridge)
    const damaged = library(page).locator('li.entry').filter({ hasText: 'broken.chronotes.json' })
    await expect(damaged.locator('.entry-meta')).toHaveText('Cannot be read')
    // The readable dataset is what opens on start.
    await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)

    await damaged.locator('.entry-open').click()
    const notice = page.getByRole('alert').filter({ hasText: 'could not be opened' })
    await expect(notice).toContainText('broken.chronotes.json could not be opened. The file has not been changed.')
    await expect(notice.locator('.problem')).toContainText('broken.chronotes.json')
    await expect(notice.locator('.problem')).toContainText('is not valid JSON')
    await expect(notice.getByRole('button', { name: 'Restore its last good backup' })).toBeVisible()
    await expect(page.locator('.timeline')).toHaveCount(0)
    await screenshot(page, testInfo, 'unreadable')

    // Back to a good timeline and an edit elsewhere: the damaged file still has its bytes.
    await library(page).locator('.entry-open', { hasText: DATASET_TITLE }).click()
    await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)
    expect(await readFile(join(libraryDir, 'broken.chronotes.json'), 'utf8')).toBe(broken)
    expect(existsSync(join(libraryDir, '.chronotes', 'backups', 'broken.chronotes.json'))).toBe(false)
  })
})

test.describe('a large timeline new to the library', () => {
  // Over a megabyte: listed by its header, its events counted after. Titled to sort after the dataset, which opens.
  const archive = { ...syntheticDocument(3_000), title: 'Wartime archive' }
  test.use({ libraryFiles: { 'wartime-archive.chronotes.json': serializeDocument(archive) } })

  test('is listed at once, "Counting events…", then with its number of events', async ({ page, bridge }, testInfo) => {
    const counts = await holdEventCounts(page)
    await openApp(page, bridge)
    const large = entry(page, 'Wartime archive')
    await expect(large.locator('.entry-meta')).toHaveText('Counting events…')
    await expect(entry(page, DATASET_TITLE).locator('.entry-meta')).toHaveText('88 events')
    await expect(page.locator('h1.doc-title')).toHaveText(DATASET_TITLE)
    await screenshot(page, testInfo, 'counting')
    counts.release()
    await expect(large.locator('.entry-meta')).toHaveText('3,000 events')
  })
})

test.describe('a hostile colleague file', () => {
  const IMG = '<img src=x onerror="window.__pwned=1">'
  const SCRIPT = '<script>window.__pwned=1</script>'
  const hostileTitle = `${IMG} Moskva ${SCRIPT}`
  const hostileFile = 'hostile-colleague-file.chronotes.json'

  async function hostileDocument(): Promise<string> {
    const doc = JSON.parse(await readFile(join(datasetsDir, DATASET_FILE), 'utf8')) as TimelineDocument
    doc.id = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
    doc.title = 'Hostile colleague file'
    const item = doc.items.find((candidate) => MOSKVA.test(candidate.title))!
    item.title = hostileTitle
    item.description = `Before ${IMG} between ${SCRIPT} and [a link](javascript:window.__pwned=1) after.`
    item.notes = [
      {
        id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
        author: `Mallory ${IMG}`,
        body: `A note ${SCRIPT} ${IMG}`,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z'
      }
    ]
    doc.groups[0]!.title = `Lane ${IMG}`
    return JSON.stringify(doc, null, 2) + '\n'
  }

  test.use({ libraryFiles: async ({}, use) => use({ [hostileFile]: await hostileDocument() }) })

  test('shows script in titles, descriptions and notes as text, runs none of it, and calls nowhere', async ({
    page,
    bridge,
    foreignRequests
  }, testInfo) => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await openApp(page, bridge)

    // The served page carries the strict CSP: only the app's own scripts, no inline, no eval.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp).toBeTruthy()
    const directives = new Map(
      csp!.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/)
        return [name!, values] as const
      })
    )
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')

    await library(page).locator('.entry-open', { hasText: 'Hostile colleague file' }).click()
    await expect(page.locator('h1.doc-title')).toHaveText('Hostile colleague file')

    // On the timeline: the title is literal text, and no element came out of it.
    const item = timelineItem(page, 'Moskva')
    await expect(item.locator('.item-title')).toHaveText(hostileTitle)
    await expect(page.locator('.timeline .vis-label').filter({ hasText: `Lane ${IMG}` })).toHaveCount(1)
    await expect(page.locator('.timeline img, .timeline script')).toHaveCount(0)

    // In the details panel too: title, description and note.
    await openEvent(page, 'Moskva')
    const panel = details(page)
    await expect(panel.locator('textarea.title-input')).toHaveValue(hostileTitle)
    // The description: the payload is the field's text, and its preview shows it as text.
    const description = panel.locator('.markdown-field textarea.markdown-input')
    await expect(description).toHaveValue(new RegExp(IMG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    await panel.getByRole('tab', { name: 'Preview' }).click()
    await expect(panel.locator('.markdown-field .markdown')).toContainText(IMG)
    await expect(panel.locator('.markdown-field .markdown')).toContainText(SCRIPT)
    await expect(panel.locator('.note')).toContainText(`Mallory ${IMG}`)
    await expect(panel.locator('.note .markdown')).toContainText(SCRIPT)
    await expect(panel.locator('img, script, iframe, [onerror]')).toHaveCount(0)
    await expect(panel.locator('a[href^="javascript:"]')).toHaveCount(0)
    await screenshot(page, testInfo, 'hostile')

    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    // An <img src=x> that had been made would have asked for /x.
    expect(requested.filter((url) => new URL(url).pathname === '/x')).toEqual([])
    expect(requested.length).toBeGreaterThan(0)
    expect(requested.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([])
    expect(foreignRequests).toEqual([])
  })
})

test('while a timeline opens, the window says which one and how large, never "Create a timeline"', async ({
  page,
  bridge
}, testInfo) => {
  // Each open is held until the test lets it through (see holdDocumentOpens).
  const { release } = await holdDocumentOpens(page)
  await page.goto(bridge.url)
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`Opening “${DATASET_TITLE}” (88 events)…`)
  await expect(page.getByText('Create a timeline')).toHaveCount(0)
  await screenshot(page, testInfo, 'opening')
  await release()
  await expect(timelineItem(page, MOSKVA).first()).toBeVisible()
  await expect(saveState(page)).toHaveText(/^Saved/)

  // From another timeline: it stays shown, and the status bar says which one is coming.
  await library(page).getByRole('button', { name: '+ New' }).click()
  await answerPrompt(page, 'Scratch', 'Create')
  await expect(page.locator('.timeline .vis-item')).toHaveCount(0)
  await library(page).locator('.entry-open', { hasText: DATASET_TITLE }).click()
  await expect(saveState(page)).toHaveText(`Opening “${DATASET_TITLE}” (88 events)…`)
  await expect(page.getByRole('heading', { name: 'Scratch' })).toBeVisible()
  await release()
  await expect(timelineItem(page, MOSKVA).first()).toBeVisible()
  await expect(saveState(page)).toHaveText(/^Saved/)
})
