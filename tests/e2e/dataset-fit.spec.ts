/**
 * Issue 10: the bundled dataset (88 events) at "fit all" in a 1440×900 window, as a researcher
 * first sees it: all 8 lanes without scrolling, every event drawn and reachable (the pointer at
 * its title hits it), every shortened title readable in full on hover, and no title running past
 * the right edge (the 2024–25 events sit at the end of the span).
 */
import { expect, openApp, screenshot, test } from './fixtures'

test.use({ viewport: { width: 1440, height: 900 } })

interface Layout {
  lanes: number
  lanesOutOfView: string[]
  scrolls: boolean
  items: number
  unreachable: string[]
  pastRightEdge: string[]
  unreadable: string[]
}

test('the bundled dataset at fit all: 8 lanes without scrolling, every event reachable and readable', async ({
  page,
  bridge
}, testInfo) => {
  await openApp(page, bridge)
  await expect(page.locator('.timeline .vis-foreground .vis-item .item-title')).toHaveCount(88)
  await page.getByRole('button', { name: /^Fit all/ }).click()
  // Drawn once the layout holds still (two frames alike).
  let previous = ''
  await expect
    .poll(async () => {
      const now = await page.evaluate(async () => {
        await new Promise(requestAnimationFrame)
        return [...document.querySelectorAll('.timeline .vis-item')]
          .map((el) => JSON.stringify(el.getBoundingClientRect()))
          .join()
      })
      const still = now === previous
      previous = now
      return still
    })
    .toBe(true)
  await screenshot(page, testInfo, 'dataset-fit-all')

  const layout: Layout = await page.evaluate(() => {
    const center = document.querySelector('.timeline .vis-panel.vis-center')!
    const panel = center.getBoundingClientRect()
    const labels = [...document.querySelectorAll<HTMLElement>('.timeline .vis-label')]
    const titles = [...document.querySelectorAll<HTMLElement>('.timeline .vis-foreground .vis-item .item-title')]
    const text = (el: Element) => el.textContent ?? ''
    return {
      lanes: labels.length,
      lanesOutOfView: labels
        .filter((label) => {
          const box = label.getBoundingClientRect()
          return box.top < panel.top - 1 || box.bottom > panel.bottom + 1
        })
        .map(text),
      scrolls: center.scrollHeight > center.clientHeight + 1,
      items: titles.length,
      // Reachable: the pointer at its dot (a point) or at the start of its title or bar hits it.
      unreachable: titles
        .filter((title) => {
          const item = title.closest<HTMLElement>('.vis-item')!
          const target = (item.querySelector('.vis-dot') ?? title).getBoundingClientRect()
          const x = target.left + Math.min(5, target.width / 2)
          const hit = document.elementFromPoint(x, target.top + target.height / 2)
          return !hit || !item.contains(hit)
        })
        .map(text),
      pastRightEdge: titles.filter((title) => title.getBoundingClientRect().right > panel.right + 1).map(text),
      // A title cut short (ellipsis) says itself in full on hover.
      unreadable: titles
        .filter((title) => title.scrollWidth > title.clientWidth + 1 && !title.title.startsWith(text(title)))
        .map(text)
    }
  })
  expect(layout).toEqual({
    lanes: 8,
    lanesOutOfView: [],
    scrolls: false,
    items: 88,
    unreachable: [],
    pastRightEdge: [],
    unreadable: []
  })
})
