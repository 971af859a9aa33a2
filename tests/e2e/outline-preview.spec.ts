/**
 * Issue 10: a large timeline is drawn from its outline while it opens. Held here at the document's
 * request, the window must already show the timeline as it will be (the same lanes, counts and
 * events), say that it is opening, let it be zoomed but nothing be edited until the document is
 * in; then the timeline is the document's, where it was left, editable, and nothing was saved.
 */
import type { Page } from '@playwright/test'
import { syntheticDocument } from '../../bench/synthetic'
import { serializeDocument } from '../../src/shared/model/document'
import { OUTLINE_FROM } from '../../src/shared/view/outline'
import { expect, holdDocumentOpens, openApp, screenshot, test } from './fixtures'

const doc = syntheticDocument(OUTLINE_FROM)
const TITLE = doc.title
test.use({
  viewport: { width: 1440, height: 900 },
  libraryFiles: { 'large.chronotes.json': serializeDocument(doc) }
})

const saveState = (page: Page) => page.getByTestId('save-state')

/** What the timeline draws: each lane's count, and the titles of the events drawn, in order. */
function drawn(page: Page): Promise<{ counts: string[]; titles: string[] }> {
  return page.locator('.timeline').evaluate((timeline) => ({
    counts: [...timeline.querySelectorAll('.vis-label')].map((label) => label.textContent ?? ''),
    titles: [...timeline.querySelectorAll('.vis-foreground .item-title')].map((title) => title.textContent ?? '').sort()
  }))
}

/** Clicks the title of an event drawn wholly inside the timeline's middle panel. */
async function clickAnEvent(page: Page): Promise<void> {
  const { x, y } = await page.locator('.timeline').evaluate((timeline) => {
    const panel = timeline.querySelector('.vis-panel.vis-center')!.getBoundingClientRect()
    const title = [...timeline.querySelectorAll('.vis-foreground .item-title')]
      .map((element) => element.getBoundingClientRect())
      .find((box) => box.left > panel.left + 10 && box.right < panel.right - 10 && box.top > panel.top)!
    return { x: title.left + title.width / 2, y: title.top + title.height / 2 }
  })
  await page.mouse.click(x, y)
}

test('a large timeline is drawn from its outline while it opens, can be zoomed meanwhile, and is editable once in', async ({
  page,
  bridge
}, testInfo) => {
  // Where the researcher leaves the timeline is where its outline is drawn next time: zoomed in
  // here, and the test goes on once the session written down holds the narrower window. Every
  // write is seen, from the start: the last one for "fit all" may come before the timeline shows.
  const spans: number[] = []
  page.on('request', (request) => {
    if (!/settings%3Aupdate/.test(request.url())) return
    const [patch] = JSON.parse(request.postData() ?? '[]') as [
      { session?: { window?: { start: number; end: number } } }
    ]
    const window = patch?.session?.window
    if (window) spans.push(window.end - window.start)
  })
  // The first open validates the file and writes its outline in the per-user folder.
  await openApp(page, bridge)
  await expect(saveState(page)).toHaveText(/^Saved/)
  await expect(page.locator('.timeline .lane-count')).toHaveCount(doc.groups.length)
  await expect.poll(() => spans.length).toBeGreaterThan(0)
  const fitSpan = spans.at(-1)!
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(() => spans.at(-1)!).toBeLessThan(fitSpan * 0.75)
  const asDocument = await drawn(page)
  expect(asDocument.titles.length).toBeGreaterThan(doc.groups.length)

  // Started again, with the document's request held: what shows is the outline.
  const { release } = await holdDocumentOpens(page)
  const saves: string[] = []
  page.on('request', (request) => {
    if (/documents%3Asave/.test(request.url())) saves.push(request.url())
  })
  await page.goto(bridge.url)
  await expect(saveState(page)).toHaveText(`Opening “${TITLE}” (${OUTLINE_FROM.toLocaleString('en')} events)…`)
  await expect(page.locator('.timeline .lane-count')).toHaveCount(doc.groups.length)
  await expect.poll(() => drawn(page)).toEqual(asDocument)
  await expect(page.locator('.statusbar')).toContainText(`${OUTLINE_FROM.toLocaleString('en')} events`)
  await screenshot(page, testInfo, 'outline')

  // Nothing can be changed meanwhile: the toolbar's commands wait (its zoom does not), a double-click
  // adds nothing, a click selects nothing.
  const waiting = page.locator('.toolbar [inert] button')
  await expect(waiting.filter({ hasText: '+ Event' })).toHaveCount(1)
  await expect(waiting.filter({ hasText: 'Fit all' })).toHaveCount(0)
  await expect(page.locator('.filter-bar[inert]')).toHaveCount(1)
  // At the right end of the first lane: past the last event, where "fit all" leaves room (no shading there).
  const box = (await page.locator('.timeline .vis-panel.vis-center').boundingBox())!
  await page.mouse.dblclick(box.x + box.width - 10, box.y + 20)
  await clickAnEvent(page)
  await expect(page.locator('.timeline .vis-selected')).toHaveCount(0)
  await expect(page.getByRole('complementary', { name: 'Event details' })).toHaveCount(0)

  // It can be looked around in: zoomed, and where it is left is where the timeline stays once in.
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(async () => (await drawn(page)).counts).not.toEqual(asDocument.counts)
  const zoomed = await drawn(page)

  await release()
  await expect(saveState(page)).toHaveText(/^Saved/)
  await expect(page.locator('[inert]')).toHaveCount(0)
  await expect.poll(() => drawn(page)).toEqual(zoomed)
  expect(saves).toEqual([])
  await expect(page.locator('.statusbar')).toContainText(`${OUTLINE_FROM.toLocaleString('en')} events`)

  // The document is in: a click selects and shows the event.
  await clickAnEvent(page)
  await expect(page.getByRole('complementary', { name: 'Event details' })).toBeVisible()
})
