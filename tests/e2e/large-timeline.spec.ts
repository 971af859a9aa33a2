/**
 * Issue 10 at 100,000 events, as one researcher's session in the built renderer over the loopback
 * bridge to real files: start, zoom from "fit all" to one day, select an event, drag it to another
 * lane, add a note, undo it, search, quit and start again — and all of it kept. The event is the
 * first one drawn in the one-day view (the synthetic titles are unique; the test checks).
 *
 * The window never freezes: long tasks are read from the page's PerformanceObserver during the
 * interactive part and printed (the figures for the notes). The test fails on a freeze, a task of
 * seconds, which is what a whole-document pass on a select, a drag or an autosave cost (8–51 s
 * before issue 10). It does not fail on a slow machine: a task of 200–600 ms happens when other
 * programs keep both cores busy (measured), so the issue's 200 ms is a figure for
 * `npm run bench -- --view` on a quiet machine, not an assertion here. `npm test` runs this file
 * alone, after the others (project `large` in playwright.config.ts), so that another test's
 * Chromium is not in its figures. Nothing waits on a clock: every step waits on what the page shows.
 *
 * Step 3 pins issue 10's selection bug: the click selected the event and a moment later it was
 * deselected (see tests/browser/timeline-selection.test.ts for the cause).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { syntheticDocument } from '../../bench/synthetic'
import { serializeDocument } from '../../src/shared/model/document'
import type { TimelineDocument, TimelineItem } from '../../src/shared/model/schema'
import { expect, screenshot, test } from './fixtures'

/** A freeze, not a slow frame: ten times the longest task seen with both cores busy. */
const FREEZE_MS = 5_000
const FILE = 'large.chronotes.json'
const COUNT = 100_000
const doc = syntheticDocument(COUNT)
test.use({ libraryFiles: { [FILE]: serializeDocument(doc) } })

const panel = (page: Page) => page.getByRole('complementary', { name: 'Event details' })
const itemTitled = (page: Page, title: string) =>
  page
    .locator('.timeline .vis-foreground .vis-item')
    .filter({ has: page.locator('.item-title', { hasText: new RegExp(`^${title}$`) }) })

/** The lane whose row holds the middle of the event's drawn dot. */
async function drawnLane(page: Page, title: string): Promise<string | null> {
  return page.evaluate((title) => {
    const item = [...document.querySelectorAll('.timeline .vis-foreground .vis-item')].find(
      (el) => el.querySelector('.item-title')?.textContent === title
    )
    if (!item) return null
    const box = item.getBoundingClientRect()
    const y = box.top + box.height / 2
    const label = [...document.querySelectorAll('.timeline .vis-label')].find((el) => {
      const r = el.getBoundingClientRect()
      return r.top <= y && y < r.bottom
    })
    return label?.querySelector('.lane-title')?.textContent ?? null
  }, title)
}

/** The title of an event drawn well inside the view, in any lane but the last (so there is one below). */
async function eventInView(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const panel = document.querySelector('.timeline .vis-panel.vis-center')!.getBoundingClientRect()
    const labels = [...document.querySelectorAll('.timeline .vis-label')]
    const lastTop = labels.at(-1)!.getBoundingClientRect().top
    const item = [...document.querySelectorAll('.timeline .vis-foreground .vis-item.vis-point')].find((el) => {
      const box = el.getBoundingClientRect()
      return box.left > panel.left - 10 && box.left < panel.right - 300 && box.top < lastTop
    })
    return item?.querySelector('.item-title')?.textContent ?? null
  })
}

async function rowOf(page: Page, lane: string): Promise<{ y: number; height: number }> {
  const box = await page.locator('.timeline .vis-label', { hasText: lane }).first().boundingBox()
  expect(box).not.toBeNull()
  return { y: box!.y, height: box!.height }
}

/** Marks where a step of the session begins, so that each long task can be put down to its step. */
async function markStep(page: Page, step: string): Promise<void> {
  await page.evaluate((name) => performance.mark(`session:${name}`), step)
}

/** The long tasks seen since the session's observer started, each with the step it began in. */
async function sessionLongTasks(page: Page): Promise<{ step: string; duration: number }[]> {
  return page.evaluate(() => {
    const marks = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('session:'))
    const stepAt = (time: number) =>
      marks.findLast((mark) => mark.startTime <= time)?.name.replace('session:', '') ?? 'start'
    const { longTasks } = window as unknown as { longTasks: [number, number][] }
    return longTasks.map(([start, duration]) => ({ step: stepAt(start), duration }))
  })
}

async function onDisk(libraryDir: string, id: string): Promise<TimelineItem | undefined> {
  const saved = JSON.parse(await readFile(join(libraryDir, FILE), 'utf8')) as TimelineDocument
  return saved.items.find((item) => item.id === id)
}

test('a 100,000-event timeline: zoom to a day, drag, annotate, undo, search, restart — kept, never frozen', async ({
  page,
  bridge,
  libraryDir,
  restart
}, testInfo) => {
  test.setTimeout(600_000)

  // 1. Start: the first events are drawn (loading is not part of the interactive part).
  // (The library lists a folder by reading each file whole until its sidecar lands: so, long timeouts.)
  await page.goto(bridge.url)
  await expect(page.locator('.statusbar')).toContainText(`${COUNT.toLocaleString('en')} events · 8 lanes`, {
    timeout: 120_000
  })
  await expect(page.locator('.timeline .vis-foreground .vis-item').first()).toBeVisible({ timeout: 60_000 })
  // Every lane shows density and how many events it stands for.
  await expect(page.locator('.timeline .lane-count')).toHaveCount(8)
  await screenshot(page, testInfo, '1-fit-all')
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][] }
    w.longTasks = []
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.longTasks.push([e.startTime, e.duration]))
    ).observe({
      type: 'longtask'
    })
  })

  // 2. From "fit all" to one day with the zoom buttons (vis-timeline stops at one day).
  await markStep(page, 'zoom')
  // Clicked until the axis counts hours (vis-timeline's one-day view), each click once drawn.
  const zoomIn = page.getByRole('button', { name: 'Zoom in' })
  const hours = page.locator('.timeline .vis-time-axis .vis-text.vis-minor', { hasText: /^\d{2}:00$/ })
  for (let i = 0; i < 30 && !(await hours.count()); i++) {
    await zoomIn.click()
    await page.evaluate(() => new Promise(requestAnimationFrame))
  }
  for (let i = 0; i < 3; i++) await zoomIn.click() // on to the one-day limit
  await expect(hours.first()).toBeVisible()
  await expect(page.locator('.timeline .lane-count')).toHaveCount(0) // a day resolves into events
  await screenshot(page, testInfo, '2-one-day')
  await expect.poll(() => eventInView(page)).not.toBeNull()
  const title = (await eventInView(page))!
  const event = doc.items.find((item) => item.title === title)!
  expect(doc.items.filter((item) => item.title === title)).toHaveLength(1)
  const laneIndex = doc.groups.findIndex((g) => g.id === event.groupId)
  const [lane1, lane2] = [doc.groups[laneIndex]!, doc.groups[laneIndex + 1]!]
  const targetItem = (p: Page) => itemTitled(p, title)

  // 3. Select the event; 4. drag it to Lane 2 (diagonally: a purely vertical drag does not start).
  await markStep(page, 'select')
  await targetItem(page).locator('.item-title').click()
  await expect(panel(page).getByLabel('Title', { exact: true })).toHaveValue(title)
  await expect(targetItem(page)).toHaveClass(/vis-selected/)
  expect(await drawnLane(page, title)).toBe(lane1.title)
  await markStep(page, 'drag')
  const from = (await targetItem(page).locator('.item-title').boundingBox())!
  const row = await rowOf(page, lane2.title)
  await page.mouse.move(from.x + 10, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x - 30, row.y + row.height - 8, { steps: 15 })
  await page.mouse.up()
  await expect(panel(page).getByLabel('Lane', { exact: true })).toHaveValue(lane2.id)
  await expect.poll(() => drawnLane(page, title)).toBe(lane2.title)

  // 5. A note (the first asks for the author's name), 6. undone.
  await markStep(page, 'note')
  const composer = panel(page).getByPlaceholder('Add a note (Markdown)…')
  await composer.fill('Check against the border log.')
  await panel(page).getByRole('button', { name: 'Add note', exact: true }).click()
  const authorDialog = page.getByRole('dialog', { name: 'Your name, shown on your notes' })
  await authorDialog.getByLabel('Name').fill('Olena Test')
  await authorDialog.getByRole('button', { name: 'Save' }).click()
  const notes = panel(page).getByRole('article', { name: /^note by / })
  await expect(notes).toHaveCount(event.notes.length + 1)
  await expect(targetItem(page).locator('.note-badge')).toHaveText(String(event.notes.length + 1))
  await markStep(page, 'undo')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(notes).toHaveCount(event.notes.length)
  await expect(panel(page).getByLabel('Lane', { exact: true })).toHaveValue(lane2.id) // the drag stays

  // 7. Search for its source's address (a handful of events share its prefix): listed and marked.
  await markStep(page, 'search')
  const address = `example.org/${doc.items.indexOf(event)}`
  const search = page.getByRole('searchbox', { name: 'Find events' })
  await search.fill(address)
  await expect(page.getByRole('complementary', { name: 'Search results' })).toContainText(title)
  await expect(targetItem(page)).toHaveClass(/\bmatch\b/)
  await screenshot(page, testInfo, '3-searched')

  // The drag (and not the note) reaches the file.
  await markStep(page, 'save')
  // Main reads, validates and writes 127 MB per save: on a loaded machine that takes a while.
  await expect.poll(async () => (await onDisk(libraryDir, event.id))?.groupId, { timeout: 180_000 }).toBe(lane2.id)
  const longTasks = await sessionLongTasks(page)
  const described = longTasks.map(({ step, duration }) => `${duration.toFixed(0)} (${step})`).join(', ')
  testInfo.annotations.push({ type: 'long tasks (ms)', description: described })
  console.log(`long tasks during the session (ms, and the step each began in): ${described || 'none'}`)

  // 8. Quit and start again: the event is in Lane 2, without the undone note, on screen and on disk.
  await restart()
  await page.goto(bridge.url)
  await expect(page.locator('.statusbar')).toContainText(`${COUNT.toLocaleString('en')} events · 8 lanes`, {
    timeout: 120_000
  })
  const kept = await onDisk(libraryDir, event.id)
  expect(kept).toMatchObject({ groupId: lane2.id, title, notes: event.notes })
  await page.getByRole('searchbox', { name: 'Find events' }).fill(address)
  // Just started: the search waits for the search worker's index ("Indexing…"), seconds on a busy machine.
  await expect(page.getByRole('complementary', { name: 'Search results' })).toContainText(title, { timeout: 60_000 })

  expect(
    longTasks.filter(({ duration }) => duration > FREEZE_MS),
    `tasks that froze the window (over ${FREEZE_MS} ms) while working`
  ).toEqual([])
})
