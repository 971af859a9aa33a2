/**
 * The notes view in a real Chromium, with the real stores: every note of the document in the
 * order it was written, the filter respected and said so, and each note's event one click away.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { defineComponent, h } from 'vue'
import { APP_COMMANDS, type AppCommandId } from '@shared/app-commands'
import type { Note, TimelineDocument, TimelineItem } from '@shared/model/schema'
import { installFakeBridge } from './fake-bridge'

declare global {
  interface Window {
    __viewPwned?: unknown
  }
}

// The stores reach `window.chronotes` through ../../api, which reads it when first imported.
installFakeBridge({ authorName: 'jdoe', libraryPath: '/library' })

const { default: NotesView } = await import('@renderer/components/notes/NotesView.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')
const { useAppCommands } = await import('@renderer/composables/use-app-commands')

/** App commands that ran: the page's shortcuts are bound as in App.vue. */
const commandsRun: string[] = []
const Host = defineComponent({
  setup() {
    useAppCommands(
      Object.fromEntries(
        APP_COMMANDS.map((command) => [command.id, () => void commandsRun.push(command.id)])
      ) as Record<AppCommandId, () => void>
    )
    return () => h(NotesView)
  }
})

const STAMP = '2025-01-01T00:00:00Z'

function note(id: string, body: string, createdAt: string, updatedAt = createdAt): Note {
  return { id, author: `Author ${id}`, body, createdAt, updatedAt }
}

function event(id: string, groupId: string, start: string, notes: Note[]): TimelineItem {
  return {
    id,
    groupId,
    kind: 'point',
    start,
    title: `Event ${id.toUpperCase()}`,
    description: '',
    tags: [],
    confidence: 'reported',
    sources: [],
    notes,
    createdAt: STAMP,
    updatedAt: STAMP
  }
}

// Notes written in an order unlike their events' order; one timestamp carries an offset
// (10:30+02:00 is 08:30Z, so it comes before 09:00Z).
const ITEMS = [
  event('a', 'diplomacy', '2014-04-12', [
    note('a1', 'Written **third**.', '2025-03-06T10:00:00Z', '2025-03-07T08:15:00Z'),
    note('a2', 'Written fifth.', '2025-03-09T12:00:00Z')
  ]),
  event('b', 'military', '2022-02', [note('b1', 'Written first.', '2025-03-01T09:00:00Z')]),
  event('c', 'military', '2023-06-04', [
    note('c1', 'Written fourth.', '2025-03-08T10:30:00+02:00'),
    note('c2', 'Written second.', '2025-03-05T08:30:00Z')
  ]),
  event('d', 'diplomacy', '2024-01-01', [])
]

function documentWith(items: TimelineItem[]): TimelineDocument {
  return {
    format: 'chronotes',
    schemaVersion: 2,
    id: 'notes-view-doc',
    title: 'Notes view test',
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    groups: [
      { id: 'diplomacy', title: 'Diplomacy', color: '#4e79a7', order: 0 },
      { id: 'military', title: 'Military aid', color: '#e15759', order: 1 }
    ],
    items
  }
}

let pinia: Pinia

async function open(items = ITEMS) {
  useDocumentStore().load({ name: 'view.chronotes.json', document: documentWith(items), revision: 'r0' })
  useViewStore().mainView = 'notes'
  return render(Host, { global: { plugins: [pinia] } })
}

const entries = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.note-list > li > article')]
const bodies = (root: HTMLElement) => entries(root).map((el) => el.querySelector('.note-body')?.textContent?.trim())

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  commandsRun.length = 0
})

afterEach(() => useDocumentStore().close())

test('lists every note of every event by when it was written, oldest first, and can turn the order round', async () => {
  const screen = await open()
  const oldestFirst = ['Written first.', 'Written second.', 'Written third.', 'Written fourth.', 'Written fifth.']
  await expect.poll(() => bodies(screen.container)).toEqual(oldestFirst)
  await expect.element(screen.getByRole('button', { name: 'Oldest first' })).toHaveAttribute('aria-pressed', 'true')
  expect(screen.container.querySelector('.summary')?.textContent?.trim()).toBe('5 notes on 3 events')

  // Each entry: the note (Markdown rendered), its author and dates, and its event with date and lane.
  const third = entries(screen.container)[2]!
  expect(third.querySelector('.note-body strong')?.textContent).toBe('third')
  expect(third.querySelector('.author')?.textContent).toBe('Author a1')
  expect(third.querySelector('.written time')?.getAttribute('datetime')).toBe('2025-03-06T10:00:00Z')
  expect(third.querySelector('.edited time')?.getAttribute('datetime')).toBe('2025-03-07T08:15:00Z')
  expect(entries(screen.container)[0]!.querySelector('.edited')).toBeNull()
  const link = third.querySelector('.event-link')!
  expect(link.querySelector('.event-title')?.textContent).toBe('Event A')
  expect(link.textContent).toContain('12 April 2014')
  expect(link.querySelector('.lane-chip')?.textContent?.trim()).toBe('Diplomacy')
  expect(entries(screen.container)[0]!.querySelector('.event-link')?.textContent).toContain('February 2022')

  await userEvent.click(screen.getByRole('button', { name: 'Newest first' }))
  await expect.poll(() => bodies(screen.container)).toEqual([...oldestFirst].reverse())
  await expect.element(screen.getByRole('button', { name: 'Newest first' })).toHaveAttribute('aria-pressed', 'true')
  await screen.unmount()

  // The chosen order is kept when the view is shown again.
  const again = await open()
  await expect.poll(() => bodies(again.container)).toEqual([...oldestFirst].reverse())
  await userEvent.click(again.getByRole('button', { name: 'Oldest first' }))
})

test('shows only the notes of the events the filter lets through, says so, and clears the filter', async () => {
  const screen = await open()
  expect(screen.container.querySelector('.filter-notice')).toBeNull()

  useViewStore().setFilter({ groupIds: ['military'] })
  await expect.poll(() => bodies(screen.container)).toEqual(['Written first.', 'Written second.', 'Written fourth.'])
  const notice = screen.getByText(/Showing notes of 2 of 3 events with notes/)
  await expect.element(notice).toBeVisible()

  // The search box is not a filter here: it only highlights on the timeline.
  useViewStore().query = 'fifth'
  await expect.poll(() => bodies(screen.container)).toHaveLength(3)

  await userEvent.click(screen.getByRole('button', { name: 'Clear filter' }))
  await expect.poll(() => bodies(screen.container)).toHaveLength(5)
  expect(useViewStore().filter).toEqual({})
  expect(screen.container.querySelector('.filter-notice')).toBeNull()

  // A filter that hides every event with notes says that, rather than "no notes".
  useViewStore().setFilter({ groupIds: ['diplomacy'], from: '2024' })
  await expect.poll(() => bodies(screen.container)).toEqual([])
  await expect.element(screen.getByText('The filter hides all 3 events with notes.')).toBeVisible()
})

test('clicking a note’s event shows it on the timeline, selected, with its details open', async () => {
  const screen = await open()
  const view = useViewStore()
  expect(view.mainView).toBe('notes')
  await userEvent.click(screen.getByRole('button', { name: /Event C/ }).first())
  expect(view.mainView).toBe('timeline')
  expect(view.selectedIds).toEqual(['c'])
  expect(view.detailsOpen).toBe(true)
  expect(view.revealRequest).toEqual({ id: 'c' })
})

test('the event links are reachable and work from the keyboard', async () => {
  const screen = await open()
  const order = screen.getByRole('button', { name: 'Newest first' })
  await userEvent.click(screen.getByRole('button', { name: 'Oldest first' }))
  ;(order.element() as HTMLElement).focus()
  await userEvent.keyboard('{Tab}')
  expect(document.activeElement?.querySelector('.event-title')?.textContent).toBe('Event B')
  await userEvent.keyboard('{Enter}')
  expect(useViewStore().selectedIds).toEqual(['b'])
  expect(useViewStore().mainView).toBe('timeline')
  // The press was the link's, not the app's Enter shortcut ("Open Selected Event").
  expect(commandsRun).toEqual([])
})

test('with no notes at all it says how to add one', async () => {
  const screen = await open([event('d', 'diplomacy', '2024-01-01', [])])
  await expect.element(screen.getByText('No notes yet. Select an event and add one in its details.')).toBeVisible()
  expect(screen.container.querySelector('.note-list')).toBeNull()
})

test('hostile notes from a colleague’s file are inert here too', async () => {
  delete window.__viewPwned
  const hostile =
    '<script>window.__viewPwned = 1</script>\n\n<img src=x onerror="window.__viewPwned = 2">\n\n[x](javascript:alert(1))'
  const screen = await open([event('a', 'diplomacy', '2014-04-12', [note('h', hostile, STAMP)])])
  const body = screen.container.querySelector('.note-body')!
  await expect.poll(() => body.textContent).toContain('<script>window.__viewPwned = 1</script>')
  expect(screen.container.querySelector('script, img, a[href^="javascript" i]')).toBeNull()
  await new Promise((resolve) => requestAnimationFrame(resolve))
  expect(window.__viewPwned).toBeUndefined()
})
