/**
 * EventDetails in a real Chromium: dates at their precision, sources, notes rendered from
 * Markdown (and made inert), and the title editor.
 */
import { expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'
import type { ChronotesBridge } from '@shared/ipc'
import { readDocument } from '@shared/model/document'
import { ItemSchema, type Group, type Note, type TimelineDocument, type TimelineItem } from '@shared/model/schema'

declare global {
  interface Window {
    __notePwned?: unknown
    __noteControl?: unknown
  }
}

// The component reaches `window.chronotes` through ../../api, which reads it when first imported:
// put a small fake bridge there first. The component is under test here, not the transport.
const opened: string[] = []
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
window.chronotes = {
  on: () => () => undefined,
  app: {
    openExternal: (url: string) => {
      opened.push(url)
      return ok(undefined)
    },
    flushed: () => ok(undefined)
  }
} as unknown as ChronotesBridge
const { default: EventDetails } = await import('@renderer/components/details/EventDetails.vue')

function loadDataset(): TimelineDocument {
  const result = readDocument(JSON.stringify(dataset))
  if (!result.ok) throw new Error(`bundled dataset does not validate: ${JSON.stringify(result.problems)}`)
  return result.document
}

const doc = loadDataset()

function itemTitled(prefix: string, change: Partial<TimelineItem> = {}): { item: TimelineItem; group: Group } {
  const found = doc.items.find((i) => i.title.startsWith(prefix))
  if (!found) throw new Error(`dataset has no event titled "${prefix}…"`)
  const item = ItemSchema.parse({ ...found, ...change })
  return { item, group: doc.groups.find((g) => g.id === item.groupId)! }
}

function note(id: string, body: string): Note {
  return { id, author: 'Analyst', body, createdAt: '2025-03-06T10:00:00Z', updatedAt: '2025-03-06T10:00:00Z' }
}

function textOf(container: HTMLElement, selector: string): string {
  return (container.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

test('shows the date as precisely as it is known: month, day, and a day range', async () => {
  const month = await render(EventDetails, { props: itemTitled('Ukraine loses its Kursk foothold') })
  expect(textOf(month.container, '.event-date')).toBe('March 2025 (month precision)')
  // The lane is named too.
  expect(textOf(month.container, '.lane-chip')).toBe('Russian actions')
  await month.unmount()

  const day = await render(EventDetails, { props: itemTitled('Ratcliffe and Waltz confirm') })
  expect(textOf(day.container, '.event-date')).toBe('5 March 2025 (day precision)')
  await day.unmount()

  const range = await render(EventDetails, { props: itemTitled('CIA Director John Brennan makes a weekend trip') })
  expect(textOf(range.container, '.event-date')).toBe('12 April 2014 – 13 April 2014 (day precision, range)')
})

test('lists the sources with their outlet and a link that opens in the system browser', async () => {
  const { item, group } = itemTitled('Ratcliffe and Waltz confirm', {
    sources: [
      {
        title: 'CIA Director Says US Has Paused Intelligence Sharing With Ukraine',
        outlet: 'The New York Times',
        url: 'https://www.nytimes.com/2025/03/05/us/politics/cia-ukraine-intelligence.html',
        published: '2025-03-05'
      },
      { title: null, outlet: null, url: null, published: '2025-03' }
    ]
  })
  const view = await render(EventDetails, { props: { item, group } })
  const sources = [...view.container.querySelectorAll<HTMLElement>('.sources .source')]
  expect(sources).toHaveLength(2)
  expect(textOf(view.container, 'h3 .count')).toBe('2')

  const [first, second] = sources as [HTMLElement, HTMLElement]
  expect(textOf(first, '.outlet')).toBe('The New York Times')
  expect(first.textContent).toContain('5 March 2025')
  expect(textOf(first, '.source-title')).toBe('CIA Director Says US Has Paused Intelligence Sharing With Ukraine')
  const link = first.querySelector<HTMLAnchorElement>('a.source-link')!
  expect(link.getAttribute('href')).toBe(item.sources[0]!.url)
  expect(link.textContent).toBe(item.sources[0]!.url)
  // A source with nothing known still shows, without a link.
  expect(textOf(second, '.outlet')).toBe('Unknown outlet')
  expect(second.textContent).toContain('March 2025')
  expect(second.querySelector('a')).toBeNull()

  // Clicking the link asks main to open it; the page itself does not navigate.
  const href = location.href
  await userEvent.click(link)
  await expect.poll(() => opened).toEqual([item.sources[0]!.url])
  expect(location.href).toBe(href)
  opened.length = 0
})

test('renders notes from Markdown and leaves hostile markup inert', async () => {
  const hostile = [
    '**Checked** against the [transcript](https://example.org/transcript).',
    '',
    '<script>window.__notePwned = 1</script>',
    '',
    '<img src=x onerror="window.__notePwned = 2">',
    '',
    '[x](javascript:alert(1)) and [y](JAVASCRIPT:window.__notePwned=3) and <a href="javascript:alert(4)">z</a>',
    '',
    // Markdown itself makes these; the sanitiser must take them out (no remote images, only http(s)/mailto links).
    '![tracking pixel](https://example.org/pixel.png) and [d](data:image/png;base64,iVBORw0KGgo=) and [f](ftp://example.org/leak)'
  ].join('\n')
  const { item, group } = itemTitled('Ratcliffe and Waltz confirm', {
    notes: [note('n1', hostile), note('n2', 'A second, *plain* note.')]
  })
  delete window.__notePwned
  const view = await render(EventDetails, { props: { item, group } })

  const notes = [...view.container.querySelectorAll<HTMLElement>('.note .markdown')]
  expect(notes).toHaveLength(2)
  const [body, second] = notes as [HTMLElement, HTMLElement]
  // Markdown is rendered…
  expect(body.querySelector('strong')?.textContent).toBe('Checked')
  expect(second.querySelector('em')?.textContent).toBe('plain')
  expect(body.querySelector('a[href="https://example.org/transcript"]')?.textContent).toBe('transcript')
  // …and the hostile parts are not elements: no script, no image, no javascript: link anywhere.
  expect(view.container.querySelector('script')).toBeNull()
  expect(view.container.querySelector('img')).toBeNull()
  const hrefs = [...view.container.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!)
  expect(hrefs.filter((h) => !/^(https?:|mailto:)/i.test(h))).toEqual([])
  expect(body.textContent).toContain('<script>window.__notePwned = 1</script>')

  // Control: the same image markup, really parsed, does fire its onerror; wait for that, then check.
  const control = document.createElement('div')
  control.innerHTML = '<img src=x onerror="window.__noteControl=1">'
  await expect.poll(() => window.__noteControl).toBe(1)
  delete window.__noteControl
  expect(window.__notePwned).toBeUndefined()

  // A link in a note opens in the system browser, not in the app's window.
  const href = location.href
  await userEvent.click(body.querySelector('a[href="https://example.org/transcript"]')!)
  await expect.poll(() => opened).toEqual(['https://example.org/transcript'])
  expect(location.href).toBe(href)
  opened.length = 0
})

test('editing the title and pressing Enter emits rename with the trimmed new title', async () => {
  const props = itemTitled('Ratcliffe and Waltz confirm')
  const view = await render(EventDetails, { props })
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea.title-input')!
  expect(textarea.value).toBe(props.item.title)

  await userEvent.fill(textarea, '  Ratcliffe confirms the intelligence pause  ')
  await userEvent.keyboard('{Enter}')
  expect(view.emitted('rename')).toEqual([['Ratcliffe confirms the intelligence pause']])
  // Enter commits; it does not put a line break into the title.
  expect(textarea.value).not.toContain('\n')
  expect(view.container.querySelector('.field-error')).toBeNull()
})

test('an empty title shows the error and emits nothing', async () => {
  const props = itemTitled('Ratcliffe and Waltz confirm')
  const view = await render(EventDetails, { props })
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea.title-input')!

  await userEvent.fill(textarea, '   ')
  await userEvent.keyboard('{Enter}')
  await expect.element(view.getByRole('alert')).toHaveTextContent('A title is needed')
  expect(textarea.getAttribute('aria-invalid')).toBe('true')
  // Leaving the field (a change event) does not commit it either.
  textarea.blur()
  await userEvent.click(view.container.querySelector('.facts')!)
  expect(view.emitted('rename')).toBeUndefined()

  // Typing a title again clears the error.
  await userEvent.fill(textarea, 'Back again')
  await expect.poll(() => view.container.querySelector('.field-error')).toBeNull()
  expect(textarea.getAttribute('aria-invalid')).toBe('false')
})
