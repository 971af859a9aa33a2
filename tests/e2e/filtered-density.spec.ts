/**
 * A crowded timeline through a filter: each lane's density and count stand for the events the
 * filter lets through, and only those are drawn. The timeline reads the filter's verdicts from the
 * view store's set of passing events (a bit per event), so this pins that wiring end to end.
 */
import type { Page } from '@playwright/test'
import { syntheticDocument } from '../../bench/synthetic'
import { serializeDocument } from '../../src/shared/model/document'
import { itemPeriod } from '../../src/shared/view/timeline-items'
import { expect, openCrowded, screenshot, test } from './fixtures'

const doc = syntheticDocument(3_000)
test.use({
  viewport: { width: 1440, height: 900 },
  libraryFiles: { 'crowded.chronotes.json': serializeDocument(doc) }
})

/** Events per lane title, of those `keep` lets through (at "fit all" every event is in view). */
function countsByLane(keep: (item: (typeof doc.items)[number]) => boolean): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const group of doc.groups)
    counts[group.title] = doc.items.filter((i) => i.groupId === group.id && keep(i)).length
  return counts
}

/** Each lane's count as the timeline shows it, by lane title. */
function shownCounts(page: Page): Promise<Record<string, number>> {
  return page
    .locator('.timeline .vis-label')
    .evaluateAll((labels) =>
      Object.fromEntries(
        labels.map((label) => [
          label.querySelector('.lane-title')?.textContent ?? '',
          Number((label.querySelector('.lane-count')?.textContent ?? '').replace(/,/g, ''))
        ])
      )
    )
}

test('a filter on a crowded timeline: lane counts and drawn events are what passes it', async ({
  page,
  bridge
}, testInfo) => {
  await openCrowded(page, bridge, 'Synthetic 3000')
  await expect.poll(() => shownCounts(page)).toEqual(countsByLane(() => true))

  await page.locator('.filter-bar').getByText('Has notes').click()
  await expect.poll(() => shownCounts(page)).toEqual(countsByLane((item) => item.notes.length > 0))
  await screenshot(page, testInfo, 'has-notes')
  // Every event drawn has notes: its badge says how many.
  const drawn = page.locator('.timeline .vis-foreground .vis-item.vis-point')
  await expect(drawn.first()).toBeVisible()
  const badges = await drawn.evaluateAll((items) => items.map((item) => item.querySelector('.note-badge') !== null))
  expect(badges.length).toBeGreaterThan(8)
  expect(badges.every(Boolean)).toBe(true)

  await page.locator('.filter-bar').getByText('Has notes').click()
  await expect.poll(() => shownCounts(page)).toEqual(countsByLane(() => true))
})

test('→ and ← step through the events the filter shows, in time, from the selection', async ({ page, bridge }) => {
  await openCrowded(page, bridge, 'Synthetic 3000')
  await page.locator('.filter-bar').getByText('Has notes').click()
  await expect.poll(() => shownCounts(page)).toEqual(countsByLane((item) => item.notes.length > 0))
  // In time, ties in the document's order (as the kept date order has them).
  const inTime = doc.items
    .map((item, at) => ({ item, at, start: itemPeriod(item)?.start ?? Infinity }))
    .filter(({ item }) => item.notes.length > 0)
    .sort((a, b) => a.start - b.start || a.at - b.at)
    .map(({ item }) => item.title)
  const title = page.getByRole('complementary', { name: 'Event details' }).getByRole('textbox', { name: 'Title' })

  // The arrows belong to the checkbox while it has the focus; the app's keys work from the page.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('ArrowRight') // nothing selected: the earliest shown
  await page.keyboard.press('Enter')
  await expect(title).toHaveValue(inTime[0]!)
  await page.keyboard.press('ArrowRight')
  await expect(title).toHaveValue(inTime[1]!)
  await page.keyboard.press('ArrowRight')
  await expect(title).toHaveValue(inTime[2]!)
  await page.keyboard.press('ArrowLeft')
  await expect(title).toHaveValue(inTime[1]!)
})

/** Whether the lanes scroll or run past the timeline's bottom, and how much of its height they fill. */
function laneFit(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('.timeline .vis-panel.vis-left')!
    const box = panel.getBoundingClientRect()
    // What the window shows of the timeline: the panel itself may run on below it, cut off.
    const shown = document.querySelector('.timeline')!.getBoundingClientRect()
    const lanes = [...document.querySelectorAll('.timeline .vis-label')].map((l) => l.getBoundingClientRect())
    return {
      scrolls: panel.scrollHeight > panel.clientHeight + 1,
      pastBottom: lanes.filter((lane) => lane.bottom > Math.min(box.bottom, shown.bottom) + 1).length,
      // One lane of one row each left a third of the height empty under the lanes.
      shareFilled: Math.round((lanes.reduce((sum, lane) => sum + lane.height, 0) / box.height) * 10) / 10
    }
  })
}

test.describe('in a laptop-sized window', () => {
  test.use({ viewport: { width: 1024, height: 640 } })

  test('the lanes share the timeline’s whole height, and none runs past it', async ({ page, bridge }, testInfo) => {
    await openCrowded(page, bridge, 'Synthetic 3000')
    await expect.poll(() => laneFit(page)).toEqual({ scrolls: false, pastBottom: 0, shareFilled: 1 })
    await screenshot(page, testInfo, 'lanes-1024x640')
  })
})

test.describe('in a 1280×720 window', () => {
  test.use({
    viewport: { width: 1280, height: 720 },
    // Crowded enough that every slot of a lane has an event with notes to draw.
    libraryFiles: { 'crowded.chronotes.json': serializeDocument(syntheticDocument(20_000)) }
  })

  test('the lanes still fit when the search results take a side of the timeline', async ({
    page,
    bridge
  }, testInfo) => {
    await openCrowded(page, bridge, 'Synthetic 20000')
    await expect.poll(() => laneFit(page)).toEqual({ scrolls: false, pastBottom: 0, shareFilled: 1 })
    // The narrower timeline puts the events drawn closer together: titles with a note count
    // measured without it were stacked a row deeper than the lanes have, and the last lane was cut.
    await page.getByRole('searchbox').fill('satellite')
    await expect(page.getByRole('complementary', { name: 'Search results' })).toBeVisible()
    await expect(page.locator('.timeline .vis-item.match').first()).toBeVisible()
    // Once the layout holds still (the timeline narrows, then draws again for its new width).
    let previous = ''
    await expect
      .poll(async () => {
        const now = JSON.stringify(await laneFit(page))
        const still = now === previous
        previous = now
        return still
      })
      .toBe(true)
    expect(JSON.parse(previous)).toEqual({ scrolls: false, pastBottom: 0, shareFilled: 1 })
    await screenshot(page, testInfo, 'lanes-1280x720-search')
  })
})
