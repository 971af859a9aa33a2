import { defineBrowserCommand } from '@vitest/browser'
import type { Frame, Page } from 'playwright'

type Point = { x: number; y: number }
type Context = { page: Page; frame(): Promise<Frame> }

/** Maps a point in the test frame's own coordinates to the page's (the frame may be moved and scaled). */
async function toPage(context: Context, point: Point): Promise<Point> {
  const frame = await context.frame()
  const box = (await (await frame.frameElement()).boundingBox())!
  const scale = box.width / ((await frame.evaluate('window.innerWidth')) as number)
  return { x: box.x + point.x * scale, y: box.y + point.y * scale }
}

/**
 * A real mouse drag, in steps: vis-timeline (through hammer.js) recognises a drag only from a
 * real sequence of pointer moves. Coordinates are the test frame's (getBoundingClientRect).
 */
export const mouseDrag = defineBrowserCommand<[from: Point, to: Point, steps?: number]>(
  async (context, from, to, steps = 12) => {
    const { page } = context as unknown as Context
    const start = await toPage(context as unknown as Context, from)
    const end = await toPage(context as unknown as Context, to)
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(end.x, end.y, { steps })
    await page.mouse.up()
  }
)

/** A real click (a tap for hammer.js), at the test frame's coordinates. */
export const mouseClick = defineBrowserCommand<[at: Point]>(async (context, at) => {
  const point = await toPage(context as unknown as Context, at)
  await (context as unknown as Context).page.mouse.click(point.x, point.y)
})

/** A real double click at the test frame's coordinates. */
export const mouseDoubleClick = defineBrowserCommand<[at: Point]>(async (context, at) => {
  const point = await toPage(context as unknown as Context, at)
  await (context as unknown as Context).page.mouse.dblclick(point.x, point.y)
})
