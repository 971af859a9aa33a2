/**
 * A TimelineJS export loads in the real TimelineJS (the npm build, run as its own classic script
 * the way a web page includes it): every event becomes a slide with its headline, notes show in
 * the slide's text, and a hostile title is shown as text without running.
 */
import '@knight-lab/timelinejs/dist/css/timeline.css'
import timelineScript from '@knight-lab/timelinejs/dist/js/timeline.js?url'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import { timelineJsJsonWriter } from '../../src/shared/codecs/timelinejs'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'

interface TimelineJs {
  Timeline: new (container: HTMLElement, data: unknown, options?: Record<string, unknown>) => object
}

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned = 1"> Crimea & <b>co</b>'
const HOSTILE_NOTE = '<script>window.__pwned = 1</script><svg onload="window.__pwned = 1">'

function documentWithNotes(): TimelineDocument {
  const document = DocumentSchema.parse(structuredClone(dataset))
  const stamp = '2025-03-01T09:15:00.000Z'
  document.items[0]!.notes.push({
    id: 'n1',
    author: 'Olena K.',
    body: 'Check the date.\nSecond line.',
    createdAt: stamp,
    updatedAt: stamp
  })
  document.items[5]!.notes.push({ id: 'n2', author: 'Sam R.', body: HOSTILE_NOTE, createdAt: stamp, updatedAt: stamp })
  document.items[9]!.title = HOSTILE_TITLE
  return document
}

beforeAll(async () => {
  // The build declares `var TL` at the top level: it is a classic script, not a module.
  await new Promise<void>((resolve, reject) => {
    const script = window.document.createElement('script')
    script.src = timelineScript
    script.onload = () => resolve()
    script.onerror = () => reject(new Error(`could not load ${timelineScript}`))
    window.document.head.appendChild(script)
  })
})

const containers: HTMLElement[] = []
afterEach(() => containers.splice(0).forEach((c) => c.remove()))

function mount(): HTMLElement {
  const container = window.document.createElement('div')
  container.style.cssText = 'width: 1200px; height: 700px; position: relative'
  window.document.body.appendChild(container)
  containers.push(container)
  return container
}

describe('a TimelineJS export in the real TimelineJS', () => {
  test('every event is a slide with its headline, after the title slide', async () => {
    const document = documentWithNotes()
    const json: unknown = JSON.parse(timelineJsJsonWriter.write(document))
    const TL = (window as unknown as { TL: TimelineJs }).TL
    expect(TL?.Timeline).toBeTypeOf('function')
    const container = mount()
    // font: null — the default font is a stylesheet TimelineJS would fetch from its script path;
    // the slides do not need it, and there is no network.
    new TL.Timeline(container, json, { font: null, hash_bookmark: false })

    await expect.poll(() => container.querySelectorAll('.tl-slide').length, { timeout: 15_000 }).toBe(88 + 1)
    expect(container.querySelector('.tl-message-full .tl-message-content')?.textContent ?? '').not.toMatch(/error/i)

    const title = container.querySelector('.tl-slide-titleslide .tl-headline')
    expect(title?.textContent).toBe(document.title)
    const headlines = [...container.querySelectorAll('.tl-slide:not(.tl-slide-titleslide) .tl-headline')].map(
      (h) => h.textContent ?? ''
    )
    expect(headlines.sort()).toEqual(document.items.map((i) => i.title).sort())
    // One marker per event on the time navigator, too.
    expect(container.querySelectorAll('.tl-timemarker').length).toBe(88)
  })

  test('notes and sources show in the slide text; hostile text shows as text and runs nothing', async () => {
    const document = documentWithNotes()
    const TL = (window as unknown as { TL: TimelineJs }).TL
    const container = mount()
    new TL.Timeline(container, JSON.parse(timelineJsJsonWriter.write(document)), { font: null })
    await expect.poll(() => container.querySelectorAll('.tl-slide').length, { timeout: 15_000 }).toBe(89)

    const slideOf = (id: string) => {
      const headline = [...container.querySelectorAll('.tl-slide')].find(
        (slide) => slide.querySelector('.tl-headline')?.textContent === document.items.find((i) => i.id === id)!.title
      )
      return headline!
    }
    const first = slideOf(document.items[0]!.id)
    expect(first.querySelector('.chronotes-notes')?.textContent).toContain(
      'Olena K., 1 March 2025: Check the date.Second line.'
    )
    expect(first.querySelector('.chronotes-sources a')?.getAttribute('href')).toBe(
      'https://www.kyivpost.com/post/28678'
    )

    const hostile = slideOf(document.items[9]!.id)
    expect(hostile.querySelector('.tl-headline')?.textContent).toBe(HOSTILE_TITLE)
    const noted = slideOf(document.items[5]!.id)
    expect(noted.querySelector('.chronotes-note-body')?.textContent).toBe(HOSTILE_NOTE)

    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    expect(container.querySelectorAll('.tl-slide img[src="x"], .tl-slide script, .tl-slide svg[onload]')).toHaveLength(
      0
    )
  })
})
