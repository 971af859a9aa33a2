/// <reference lib="dom" />
/**
 * The timeline as a person feels it, in a real Chromium: the built renderer over the loopback
 * bridge on a temporary library holding one synthetic document, and, side by side in the same
 * run, a bare page with raw vis-timeline given the same events. Figures, never asserted.
 *
 * A frame figure is one step (a ctrl+wheel notch, a Shift+→ pan) timed from the animation frame
 * before it to the second frame after it: 33.4 ms (two 60 Hz frames) means the work fit in one.
 * That misses work a step leaves to the frame after (the app works out the events for a new
 * window in one frame and draws them in the next), so zoom and pan also give the step's longest
 * frame, up to the third after it: 16.7 ms means every frame of the step fit in 60 Hz.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serializeDocument } from '../src/shared/model/document'
import type { TimelineDocument } from '../src/shared/model/schema'
import { itemPeriod } from '../src/shared/view/timeline-items'
import { syntheticDocument } from './synthetic'

const root = process.cwd()
const VIEWPORT = { width: 1440, height: 900 }
const STEPS = 10
const ZOOM_STEPS = 24

interface Figures {
  /** The first time the app opens this file (it validates the file); firstPaint is a restart with it open. */
  firstOpen?: number
  firstPaint: number
  /** From the open call's response to the first event drawn (the app only). */
  afterArrival?: number
  /**
   * When the document itself was loaded, editable, from the page's start (the app only). A large
   * timeline's first paint is its outline (shared/view/outline.ts), drawn before then.
   */
  loaded?: number
  /** The longest tasks while opening (the app only): before the first paint, and from it until editable. */
  openingTasks?: { beforePaint: number; untilEditable: number }
  domItems: number
  /** Zoom frames right after the document arrived, as a user who zooms at once meets them. */
  zoom: number[]
  /** Each zoom step's longest frame. */
  zoomLongest: number[]
  /**
   * The same zoom steps once the search index is ready (the app only). Right after a large
   * document arrives, the collector's first pass over it runs beside the zoom on the same two cores.
   */
  zoomSettled?: number[]
  zoomSettledLongest?: number[]
  pan: number[]
  panLongest: number[]
  search?: number[]
  searchLongest?: number[]
  /** Opening the list view (from Ctrl+2 to its rows drawn), then frames of scrolling it. */
  listOpen?: number
  listScroll?: number[]
  /** When the search index had caught up with the opened document, from the first event drawn. */
  searchReady?: number
  /** Turning a filter on or off ("Has notes", one lane), from the click to the second frame after it. */
  filterToggle?: number[]
  /** The longest task in the page from an edit (a new event) until its autosave is written. */
  autosaveLongestTask?: number
  /** The longest task from Escape in the search box (the search cleared, its results closed) until the page is still. */
  searchClearLongestTask?: number
  heapMb: number
}

const p = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(0)} ms`)

/** In-page helpers: frame-timed steps and the time of the first drawn event. */
const FIRST_ITEM_PROBE = `
window.__firstItem = null
window.__tasks = []
new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__tasks.push([e.startTime, e.duration])))
  .observe({ type: 'longtask', buffered: true })
new MutationObserver((_, observer) => {
  if (document.querySelector('.vis-item:not(.density)')) {
    requestAnimationFrame(() => { window.__firstItem = performance.now() })
    observer.disconnect()
  }
}).observe(document, { childList: true, subtree: true })
`
const PAGE_HELPERS = `
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
window.__longestFrames = []
window.__step = async (act) => {
  const t0 = await frame()
  act()
  const t1 = await frame()
  const t2 = await frame()
  const t3 = await frame()
  window.__longestFrames.push(Math.max(t1 - t0, t2 - t1, t3 - t2))
  return t2 - t0
}
window.__zoom = (direction) => window.__step(() => {
  const center = document.querySelector('.vis-panel.vis-center')
  const box = center.getBoundingClientRect()
  // One notch as a mouse sends it (direction -1: the wheel turned away, zooming in). vis-timeline
  // reads the legacy wheelDelta, which a constructed event takes from deltaY with the wrong sign.
  center.dispatchEvent(new WheelEvent('wheel', { deltaY: direction * 100, wheelDeltaY: -direction * 120, ctrlKey: true,
    bubbles: true, cancelable: true, clientX: box.left + box.width / 2, clientY: box.top + 40 }))
})
window.__pan = (key) => window.__step(() => {
  const target = document.querySelector('.timeline') || document.querySelector('.vis-timeline')
  target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey: true, bubbles: true, cancelable: true }))
})
`

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize / 1024 / 1024
}

async function steps(page: Page, fn: string, args: unknown[]): Promise<number[]> {
  const samples: number[] = []
  for (const arg of args) samples.push(await page.evaluate(`window.${fn}(${JSON.stringify(arg)})`))
  return samples
}

/** The same steps: each one's figure, and its longest frame. */
async function timedSteps(page: Page, fn: string, args: unknown[]): Promise<{ spans: number[]; longest: number[] }> {
  await page.evaluate('window.__longestFrames = []')
  const spans = await steps(page, fn, args)
  return { spans, longest: (await page.evaluate('window.__longestFrames')) as number[] }
}

/** In, then back out to where it began. */
const zoomSteps = () => [...Array(ZOOM_STEPS).fill(-1), ...Array(ZOOM_STEPS).fill(1)]

async function frames(page: Page): Promise<Pick<Figures, 'zoom' | 'zoomLongest' | 'pan' | 'panLongest'>> {
  // From the first view inward and back out (a notch zooms 1.2 times: 24 go from 14 years to two
  // months, through the zooms where density resolves into events), then panning at a middle zoom.
  const zoom = await timedSteps(page, '__zoom', zoomSteps())
  await steps(page, '__zoom', Array(4).fill(-1))
  const pan = await timedSteps(page, '__pan', [
    ...Array(STEPS / 2).fill('ArrowRight'),
    ...Array(STEPS / 2).fill('ArrowLeft')
  ])
  return { zoom: zoom.spans, zoomLongest: zoom.longest, pan: pan.spans, panLongest: pan.longest }
}

/**
 * The list view: from Ctrl+2 to its first row drawn, then a frame per scroll step (a screenful,
 * as a wheel flick or Page Down moves it), down through the list and back, then to its end.
 */
async function scrollList(page: Page): Promise<{ listOpen: number; listScroll: number[] }> {
  const t0 = (await page.evaluate('performance.now()')) as number
  await page.keyboard.press('Control+2')
  await page.locator('.event-grid .body [role="row"]').first().waitFor({ timeout: 300_000 })
  const listOpen = ((await page.evaluate('new Promise((r) => requestAnimationFrame(r))')) as number) - t0
  const scroll = (to: string) =>
    page.evaluate(
      `window.__step(() => { const body = document.querySelector('.event-grid .body'); body.scrollTop = ${to} })`
    )
  const listScroll: number[] = []
  for (let i = 1; i <= STEPS; i++) listScroll.push((await scroll(`body.scrollTop + body.clientHeight`)) as number)
  for (let i = 1; i <= STEPS; i++) listScroll.push((await scroll(`body.scrollTop - body.clientHeight / 3`)) as number)
  listScroll.push((await scroll('body.scrollHeight')) as number, (await scroll('0')) as number)
  await page.keyboard.press('Control+1')
  await page.locator('.vis-panel.vis-center').waitFor()
  return { listOpen, listScroll }
}

async function measureApp(browser: Browser, doc: TimelineDocument): Promise<Figures> {
  const libraryDir = await mkdtemp(join(tmpdir(), 'chronotes-bench-view-'))
  await writeFile(join(libraryDir, 'synthetic.chronotes.json'), serializeDocument(doc))
  const { startBridge } = await import(pathToFileURL(join(root, 'out/bridge/server.js')).href)
  const start = () =>
    startBridge({
      libraryDir,
      rendererDir: join(root, 'out/renderer'),
      clientScript: join(root, 'out/bridge/client.js'),
      authorName: 'Bench',
      validatorId: 'bench' // one build across both starts, as an installed app is
    })
  // The bench's own probes are evaluated strings, which the app's CSP (rightly) refuses.
  const open = async (url: string) => {
    const page = await browser.newPage({ viewport: VIEWPORT, bypassCSP: true })
    await page.addInitScript(FIRST_ITEM_PROBE + PAGE_HELPERS)
    await page.goto(url)
    await page.waitForFunction('window.__firstItem !== null', undefined, { timeout: 300_000, polling: 100 })
    return page
  }
  // The first start ever with this file validates it; the figures below are from the next start.
  const first = await start()
  const firstPage = await open(first.url)
  const firstOpen = (await firstPage.evaluate('window.__firstItem')) as number
  await firstPage.close()
  await first.close()
  const bridge = await start()
  const page = await open(bridge.url)
  try {
    const { firstItem, domItems } = (await page.evaluate(
      `({ firstItem: window.__firstItem, domItems: document.querySelectorAll('.vis-item').length })`
    )) as { firstItem: number; domItems: number }
    // Frames are timed on the document itself, not on its outline.
    const loadedMark = `performance.getEntriesByName('chronotes:document-loaded')[0]?.startTime`
    await page.waitForFunction(`${loadedMark} !== undefined`, undefined, { timeout: 300_000, polling: 100 })
    const loaded = (await page.evaluate(loadedMark)) as number
    const tasks = (await page.evaluate('window.__tasks')) as [number, number][]
    const longest = (from: number, to: number) =>
      Math.max(0, ...tasks.filter(([start]) => start >= from && start < to).map(([, duration]) => duration))
    const openingTasks = { beforePaint: longest(0, firstItem), untilEditable: longest(firstItem, loaded) }
    // When the document arrived, read once it has: an outline is drawn before it does.
    const arrived = (await page.evaluate(`(() => {
      const open = performance.getEntriesByType('resource').find((e) => e.name.includes('documents%3Aopen') || e.name.includes('documents:open'))
      return open ? open.responseEnd : null
    })()`)) as number | null
    const stepFrames = await profiled(page, `frames-${doc.items.length}`, () => frames(page))
    const { listOpen, listScroll } = await scrollList(page)
    const filterToggle = await profiled(page, `filter-${doc.items.length}`, () => toggleFilters(page))
    // The search index (built by the search worker after opening) must be ready for a keystroke
    // to show results; when it is ready is printed on its own.
    await page
      .waitForFunction(`performance.getEntriesByName('chronotes:search-ready').length > 0`, undefined, {
        timeout: 120_000,
        polling: 100
      })
      .catch(() => undefined)
    const zoomSettled = await timedSteps(page, '__zoom', zoomSteps())
    // Search: each keystroke of "satellite", from the key to the second frame after it.
    const input = page.getByRole('searchbox').or(page.getByLabel('Find events')).first()
    await input.focus()
    await page.evaluate('window.__longestFrames = []')
    const search = await profiled(page, `search-${doc.items.length}`, async () => {
      const samples: number[] = []
      for (let i = 1; i <= 'satellite'.length; i++)
        samples.push(
          (await page.evaluate(`window.__step(() => {
            const input = document.activeElement
            input.value = ${JSON.stringify('satellite'.slice(0, i))}
            input.dispatchEvent(new Event('input', { bubbles: true }))
          })`)) as number
        )
      return samples
    })
    const searchLongest = (await page.evaluate('window.__longestFrames')) as number[]
    // The longest task the page runs from here on (`window.__longest`), read and reset per action.
    await page.evaluate(`(() => {
      window.__longest = 0
      new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.__longest = Math.max(window.__longest, e.duration) }))
        .observe({ type: 'longtask' })
    })()`)
    const longestSince = async () =>
      (await page.evaluate(
        '(() => { const longest = window.__longest; window.__longest = 0; return longest })()'
      )) as number
    // The search cleared: its results close and the timeline widens (not an edit, so timed apart).
    await page.keyboard.press('Escape')
    await page.getByRole('complementary', { name: 'Search results' }).waitFor({ state: 'detached' })
    await page.evaluate('new Promise((r) => setTimeout(r, 500))')
    const searchClearLongestTask = await longestSince()
    // An edit and its autosave: from the edit (a new event, its details opened) until "Saved at".
    await page.keyboard.press('Control+e')
    await page
      .locator('.statusbar')
      .getByText(/^Saved at/)
      .waitFor({ timeout: 300_000 })
    const autosaveLongestTask = await longestSince()
    const ready = (await page.evaluate(
      `performance.getEntriesByName('chronotes:search-ready')[0]?.startTime ?? null`
    )) as number | null
    return {
      autosaveLongestTask,
      searchClearLongestTask,
      firstOpen,
      ...(ready === null ? {} : { searchReady: ready - firstItem }),
      firstPaint: firstItem,
      ...(arrived === null ? {} : { afterArrival: firstItem - arrived }),
      loaded,
      openingTasks,
      domItems,
      ...stepFrames,
      zoomSettled: zoomSettled.spans,
      zoomSettledLongest: zoomSettled.longest,
      search,
      searchLongest,
      listOpen,
      listScroll,
      filterToggle,
      heapMb: await heapMb(page)
    }
  } finally {
    await page.close()
    await bridge.close()
    await rm(libraryDir, { recursive: true, force: true })
  }
}

/** "Has notes" on and off, then one lane's checkbox on and off (its popover opened first, not timed). */
async function toggleFilters(page: Page): Promise<number[]> {
  const click = (selector: string) =>
    page.evaluate(`window.__step(() => document.querySelector(${JSON.stringify(selector)}).click())`) as Promise<number>
  const samples: number[] = []
  for (let i = 0; i < 4; i++) samples.push(await click('.filter-bar .toggle input'))
  await page
    .locator('.filter-bar')
    .getByRole('button', { name: /^Lanes/ })
    .click()
  for (let i = 0; i < 4; i++) samples.push(await click('.filter-bar ul[aria-label="Lanes"] input'))
  await page.keyboard.press('Escape')
  return samples
}

/**
 * Runs `work`; with BENCH_PROFILE=<folder>, records a Chromium CPU profile of it there
 * (`<name>.cpuprofile`, for DevTools): where the time of a keystroke or a toggle goes.
 */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env['BENCH_PROFILE']
  if (!folder) return work()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown }
    await writeFile(join(folder, `${name}.cpuprofile`), JSON.stringify(profile))
    await cdp.detach()
  }
}

async function measureRaw(browser: Browser, doc: TimelineDocument): Promise<Figures> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await page.setContent(
      '<!doctype html><html><body style="margin:0"><div id="t" style="height:100vh"></div></body></html>'
    )
    await page.addStyleTag({ path: join(root, 'node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css') })
    await page.addScriptTag({
      path: join(root, 'node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js')
    })
    await page.evaluate(PAGE_HELPERS)
    const groups = doc.groups.map((g) => ({ id: g.id, content: g.title, order: g.order }))
    const items = doc.items.map((item) => ({
      id: item.id,
      group: item.groupId,
      start: itemPeriod(item)!.start,
      type: 'point',
      content: item.title
    }))
    const firstPaint = await page.evaluate(
      async ({ items, groups }) => {
        const w = window as unknown as { vis: any; tl: unknown } // eslint-disable-line @typescript-eslint/no-explicit-any
        const t0 = performance.now()
        const el = document.getElementById('t')
        w.tl = new w.vis.Timeline(el, new w.vis.DataSet(items), new w.vis.DataSet(groups), {
          height: '100%',
          stack: true,
          zoomKey: 'ctrlKey',
          orientation: { axis: 'top', item: 'top' },
          verticalScroll: true
        })
        while (!document.querySelector('.vis-item')) await new Promise((r) => requestAnimationFrame(r))
        await new Promise((r) => requestAnimationFrame(r))
        return performance.now() - t0
      },
      { items, groups }
    )
    const domItems = (await page.evaluate("document.querySelectorAll('.vis-item').length")) as number
    // Raw vis-timeline has no Shift+arrow pan: pan by the same fraction with its own moveTo.
    await page.evaluate(`window.__pan = (key) => window.__step(() => {
      const w = tl.getWindow(), span = w.end - w.start, shift = span * (key === 'ArrowRight' ? 0.2 : -0.2)
      tl.setWindow(+w.start + shift, +w.end + shift, { animation: false })
    })`)
    const stepFrames = await profiled(page, `raw-frames-${doc.items.length}`, () => frames(page))
    return { firstPaint, domItems, ...stepFrames, heapMb: await heapMb(page) }
  } finally {
    await page.close()
  }
}

const p50p95 = (samples: number[]) => `${ms(p(samples, 0.5))}/${ms(p(samples, 0.95))}`
const p50max = (samples: number[]) => `${ms(p(samples, 0.5))}/${ms(Math.max(...samples))}`

/** The page reports only tasks over 50 ms ("long tasks"): none is not 0 ms. */
const longTask = (duration: number) => (duration ? ms(duration) : 'under 50 ms (none long)')

function print(label: string, f: Figures): void {
  console.log(
    `  ${label.padEnd(22)} ${f.firstOpen === undefined ? '' : `first open ever ${ms(f.firstOpen)}; restarted with it open: `}first paint ${ms(f.firstPaint).padStart(9)}${f.afterArrival === undefined ? '' : f.afterArrival < 0 ? ` (${ms(-f.afterArrival)} before the document arrived)` : ` (${ms(f.afterArrival)} after the document arrived)`}; ` +
      `${f.loaded === undefined ? '' : `document loaded, editable ${ms(f.loaded)}; `}` +
      `${f.openingTasks ? `longest task while opening: before first paint ${ms(f.openingTasks.beforePaint)}, from first paint until editable ${ms(f.openingTasks.untilEditable)}; ` : ''}` +
      `zoom p50/p95 ${p50p95(f.zoom)}${f.zoomSettled ? ` (once the search index is ready: ${p50p95(f.zoomSettled)})` : ''}; pan p50/p95 ${p50p95(f.pan)}; ` +
      `longest frame of a step p50/p95: zoom ${p50p95(f.zoomLongest)}${f.zoomSettledLongest ? ` (index ready: ${p50p95(f.zoomSettledLongest)})` : ''}, pan ${p50p95(f.panLongest)}; ` +
      `${f.search ? `search keystroke p50/max ${p50max(f.search)} (longest frame ${ms(Math.max(...(f.searchLongest ?? [])))}; each: ${f.search.map((v) => v.toFixed(0)).join(' ')} ms); ` : ''}` +
      `${f.searchReady === undefined ? '' : `search index ready ${ms(f.searchReady)} after first paint; `}` +
      `${f.filterToggle ? `filter toggle p50/max ${p50max(f.filterToggle)} (each: ${f.filterToggle.map((v) => v.toFixed(0)).join(' ')} ms); ` : ''}` +
      `${f.searchClearLongestTask === undefined ? '' : `search cleared: longest task ${longTask(f.searchClearLongestTask)}; `}` +
      `${f.autosaveLongestTask === undefined ? '' : `edit + autosave: longest task ${longTask(f.autosaveLongestTask)}; `}` +
      `${f.listScroll ? `list view: opens in ${ms(f.listOpen)}, scroll frame p50/p95 ${p50p95(f.listScroll)}; ` : ''}` +
      `heap ${f.heapMb.toFixed(0)} MB; ${f.domItems} items in the DOM at first paint`
  )
}

export async function viewBench(
  counts = [1_000, 10_000, 50_000, 100_000],
  rawCounts = [1_000, 10_000, 50_000]
): Promise<void> {
  const { buildBridge } = await import(pathToFileURL(join(root, 'scripts/build-bridge.mjs')).href)
  await buildBridge()
  const launch = () =>
    chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium', args: ['--no-sandbox'] })
  // Each measure in a browser of its own. In one browser for all, the app's first paint at
  // 100,000 events, measured after raw vis-timeline at 50,000, was 3.1 and 3.3 s (2.2–2.6 s run
  // alone); in a browser of its own, 2.4 s.
  const inOwnBrowser = async <T>(measure: (browser: Browser) => Promise<T>): Promise<T> => {
    const browser = await launch()
    try {
      return await measure(browser)
    } finally {
      await browser.close()
    }
  }
  const version = await inOwnBrowser(async (browser) => browser.version())
  console.log(
    `  Chromium ${version}, ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} at the start); viewport ${VIEWPORT.width}×${VIEWPORT.height}`
  )
  console.log(
    '  Chronotes: start → first event painted (page navigation to first drawn event); raw: new Timeline → first drawn event'
  )
  for (const count of counts) {
    const doc = syntheticDocument(count)
    console.log(`\n  ${count.toLocaleString('en')} events`)
    const app = await inOwnBrowser((browser) => measureApp(browser, doc))
    print('Chronotes', app)
    if (!rawCounts.includes(count)) continue
    const raw = await inOwnBrowser((browser) => measureRaw(browser, doc))
    print('raw vis-timeline', raw)
    console.log(
      `  ratio raw/Chronotes: first paint ${(raw.firstPaint / app.firstPaint).toFixed(1)}×, zoom p95 ${(p(raw.zoom, 0.95) / p(app.zoom, 0.95)).toFixed(1)}×, pan p95 ${(p(raw.pan, 0.95) / p(app.pan, 0.95)).toFixed(1)}×; ` +
        `longest frame p95: zoom ${(p(raw.zoomLongest, 0.95) / p(app.zoomLongest, 0.95)).toFixed(1)}×, pan ${(p(raw.panLongest, 0.95) / p(app.panLongest, 0.95)).toFixed(1)}×`
    )
  }
}
