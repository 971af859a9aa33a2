/**
 * The notes thread of an event in a real Chromium, with the real stores: adding (the first note
 * asks once for the author's name), editing, deleting after asking, undo, drafts that survive
 * switching events, the "Add Note" focus request, and hostile note bodies made inert.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { defineComponent, h } from 'vue'
import { APP_COMMANDS, type AppCommandId } from '@shared/app-commands'
import { applyChanges, type DocumentChanges } from '@shared/document-changes'
import type { ChronotesBridge, Settings, SettingsPatch } from '@shared/ipc'
import type { Note, TimelineDocument, TimelineItem } from '@shared/model/schema'

declare global {
  interface Window {
    __threadPwned?: unknown
  }
}

// The stores reach `window.chronotes` through ../../api, which reads it when first imported: put a
// fake transport there first. It records what was saved and which settings were changed.
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const saves: TimelineDocument[] = []
const settingsPatches: SettingsPatch[] = []
let settings: Settings
window.chronotes = {
  on: () => () => undefined,
  documents: {
    save: (_name: string, doc: TimelineDocument) => {
      saves.push(doc)
      return ok({ revision: `r${saves.length}`, savedAt: new Date().toISOString() })
    },
    saveChanges: (_name: string, changes: DocumentChanges) => {
      saves.push(applyChanges(saves.at(-1) ?? useDocumentStore().document!, changes))
      return ok({ revision: `r${saves.length}`, savedAt: new Date().toISOString() })
    }
  },
  settings: {
    get: () => ok(settings),
    update: (patch: SettingsPatch) => {
      settingsPatches.push(patch)
      settings = { ...settings, ...patch }
      return ok(settings)
    }
  },
  app: { openExternal: () => ok(undefined), flushed: () => ok(undefined) }
} as unknown as ChronotesBridge

const { default: NoteThread } = await import('@renderer/components/notes/NoteThread.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useEditorStore } = await import('@renderer/stores/editor')
const { useSettingsStore } = await import('@renderer/stores/settings')
const { useViewStore } = await import('@renderer/stores/view')
const { useAppCommands } = await import('@renderer/composables/use-app-commands')

const STAMP = '2025-03-06T10:00:00.000Z'

function note(id: string, body: string, author = 'Colleague'): Note {
  return { id, author, body, createdAt: STAMP, updatedAt: STAMP }
}

function event(id: string, title: string, notes: Note[] = []): TimelineItem {
  return {
    id,
    groupId: 'lane',
    kind: 'point',
    start: '2025-03-05',
    title,
    description: '',
    tags: [],
    confidence: 'confirmed',
    sources: [],
    notes,
    createdAt: STAMP,
    updatedAt: STAMP
  }
}

function documentWith(items: TimelineItem[]): TimelineDocument {
  return {
    format: 'chronotes',
    schemaVersion: 2,
    id: `doc-${Math.random().toString(36).slice(2)}`,
    title: 'Notes test',
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    groups: [{ id: 'lane', title: 'Diplomacy', color: '#4e79a7', order: 0 }],
    items
  }
}

/** App commands that ran: the page's shortcuts are bound as in App.vue. */
const commandsRun: string[] = []

/** Like App.vue's details panel: the thread of the selected event, rebuilt for each event. */
const Details = defineComponent({
  setup() {
    const documents = useDocumentStore()
    const view = useViewStore()
    useAppCommands(
      Object.fromEntries(
        APP_COMMANDS.map((command) => [command.id, () => void commandsRun.push(command.id)])
      ) as Record<AppCommandId, () => void>
    )
    return () => {
      const item = documents.document?.items.find((i) => i.id === view.selectedId)
      return item ? h('aside', { class: 'details-pane' }, [h(NoteThread, { key: item.id, item })]) : null
    }
  }
})

let pinia: Pinia

async function open(items: TimelineItem[], selected = items[0]!.id, confirmed = true) {
  settings = { authorName: 'jdoe', authorConfirmed: confirmed, libraryPath: '/library' }
  await useSettingsStore().load()
  useDocumentStore().load({ name: 'notes.chronotes.json', document: documentWith(items), revision: 'r0' })
  useViewStore().select(selected, { open: true })
  const screen = await render(Details, { global: { plugins: [pinia] } })
  const composer = () => screen.container.querySelector<HTMLTextAreaElement>('.composer textarea')!
  return { screen, composer }
}

const item = (id: string) => useDocumentStore().document!.items.find((i) => i.id === id)!
const noteEls = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('article.note')]
const bodyOf = (el: HTMLElement) => el.querySelector('.note-body')?.textContent?.trim()

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  saves.length = 0
  settingsPatches.length = 0
  commandsRun.length = 0
})

afterEach(() => {
  // Autosave timers of a document store left behind must not save into the next test.
  useDocumentStore().close()
})

test('the first note asks once for the author, saves the name and signs the note with it', async () => {
  const { screen, composer } = await open([event('a', 'Pause announced')], 'a', false)
  const add = screen.getByRole('button', { name: 'Add note' })
  // Nothing to add yet.
  await expect.element(add).toBeDisabled()
  expect(composer().placeholder).toBe('Add a note (Markdown)…')

  await userEvent.fill(composer(), 'Confirmed by **two** officials.')
  // The live preview renders the Markdown as it is typed.
  await expect.element(screen.getByRole('region', { name: 'New note: preview' })).toBeVisible()
  expect(screen.container.querySelector('.composer .preview strong')?.textContent).toBe('two')
  await userEvent.click(add)

  // Asked in a modal dialog, prefilled with the system user name.
  const dialog = screen.getByRole('dialog', { name: 'Your name, shown on your notes' })
  await expect.element(dialog).toBeVisible()
  const name = dialog.getByRole('textbox', { name: 'Name' })
  await expect.element(name).toHaveValue('jdoe')
  expect(item('a').notes).toHaveLength(0)
  await userEvent.fill(name, '  Anna Analyst ')
  await userEvent.click(dialog.getByRole('button', { name: 'Save' }))

  await expect.poll(() => item('a').notes.length).toBe(1)
  expect(settingsPatches).toEqual([{ authorName: 'Anna Analyst', authorConfirmed: true }])
  const [saved] = item('a').notes
  expect(saved).toMatchObject({ author: 'Anna Analyst', body: 'Confirmed by **two** officials.' })
  expect(saved!.createdAt).toBe(saved!.updatedAt)
  const [shown] = noteEls(screen.container)
  expect(shown!.querySelector('.author')?.textContent).toBe('Anna Analyst')
  expect(shown!.querySelector('.note-body strong')?.textContent).toBe('two')
  const written = shown!.querySelector('.written time')!
  expect(written.getAttribute('datetime')).toBe(saved!.createdAt)
  expect(shown!.querySelector('.edited')).toBeNull()
  // The composer is empty again and says who is writing.
  expect(composer().value).toBe('')
  await expect.element(add).toBeDisabled()
  expect(screen.container.querySelector('.writing-as')?.textContent).toContain('Anna Analyst')

  // The second note does not ask again.
  await userEvent.fill(composer(), 'Second thought.')
  await userEvent.click(add)
  await expect
    .poll(() => item('a').notes.map((n) => n.body))
    .toEqual(['Confirmed by **two** officials.', 'Second thought.'])
  expect(screen.container.querySelector('dialog[open]')).toBeNull()
  expect(settingsPatches).toHaveLength(1)

  // Each addition is one undo step.
  useEditorStore().undo()
  await expect.poll(() => noteEls(screen.container).length).toBe(1)
  useEditorStore().undo()
  await expect.poll(() => noteEls(screen.container).length).toBe(0)
  expect(item('a').notes).toEqual([])
})

test('cancelling the name question adds nothing and keeps what was typed', async () => {
  const { screen, composer } = await open([event('a', 'Pause announced')], 'a', false)
  await userEvent.fill(composer(), 'Not yet.')
  await userEvent.click(screen.getByRole('button', { name: 'Add note' }))
  const dialog = screen.getByRole('dialog')
  await expect.element(dialog).toBeVisible()
  await userEvent.keyboard('{Escape}')
  await expect.poll(() => screen.container.querySelector('dialog[open]')).toBeNull()
  expect(item('a').notes).toEqual([])
  expect(settingsPatches).toEqual([])
  expect(composer().value).toBe('Not yet.')
})

test('"change" asks for the name again and later notes carry the new one', async () => {
  const { screen, composer } = await open([event('a', 'Pause announced')])
  expect(screen.container.querySelector('.writing-as')?.textContent).toMatch(/Writing as\s*jdoe/)
  await userEvent.click(screen.getByRole('button', { name: 'change your name' }))
  const dialog = screen.getByRole('dialog')
  await userEvent.fill(dialog.getByRole('textbox', { name: 'Name' }), 'J. Doe')
  await userEvent.click(dialog.getByRole('button', { name: 'Save' }))
  await expect.poll(() => settingsPatches).toEqual([{ authorName: 'J. Doe', authorConfirmed: true }])
  await userEvent.fill(composer(), 'Signed anew.')
  await userEvent.keyboard('{Control>}{Enter}{/Control}')
  await expect.poll(() => item('a').notes[0]?.author).toBe('J. Doe')
})

test('Ctrl+Enter adds the note, in one undo step', async () => {
  const { screen, composer } = await open([event('a', 'Pause announced', [note('n1', 'Earlier note.')])])
  await userEvent.click(composer())
  await userEvent.keyboard('Line one{Shift>}{Enter}{/Shift}line two')
  // Plain Enter is a new line, not a send.
  await userEvent.keyboard('{Enter}')
  expect(item('a').notes).toHaveLength(1)
  await userEvent.keyboard('{Control>}{Enter}{/Control}')
  await expect.poll(() => item('a').notes.map((n) => n.body)).toEqual(['Earlier note.', 'Line one\nline two'])
  expect(item('a').notes[1]!.author).toBe('jdoe')
  // Oldest first in the thread.
  expect(noteEls(screen.container).map(bodyOf)).toEqual(['Earlier note.', 'Line one\nline two'])
  expect(composer().value).toBe('')
  expect(useEditorStore().undoLabel).toBe('Add note')
  useEditorStore().undo()
  await expect.poll(() => noteEls(screen.container).map(bodyOf)).toEqual(['Earlier note.'])
})

test('editing a note in place updates its text and edit time, and undo restores both', async () => {
  const { screen } = await open([event('a', 'Pause announced', [note('n1', 'First *draft*.')])])
  const [card] = noteEls(screen.container)
  await userEvent.click(screen.getByRole('button', { name: /^Edit note by Colleague/ }))
  const field = card!.querySelector<HTMLTextAreaElement>('.edit textarea')!
  expect(field.value).toBe('First *draft*.')
  expect(document.activeElement).toBe(field)

  // Escape cancels: nothing changes.
  await userEvent.fill(field, 'Thrown away')
  await userEvent.keyboard('{Escape}')
  await expect.poll(() => card!.querySelector('.edit')).toBeNull()
  expect(bodyOf(card!)).toBe('First draft.')
  expect(item('a').notes[0]!.body).toBe('First *draft*.')

  await userEvent.click(screen.getByRole('button', { name: /^Edit note by Colleague/ }))
  const again = card!.querySelector<HTMLTextAreaElement>('.edit textarea')!
  // The edit starts from the saved text, not from the cancelled one.
  expect(again.value).toBe('First *draft*.')
  await userEvent.fill(again, 'Revised with **sources**.')
  expect(card!.querySelector('.edit .preview strong')?.textContent).toBe('sources')
  await userEvent.click(screen.getByRole('button', { name: 'Save' }))

  await expect.poll(() => item('a').notes[0]!.body).toBe('Revised with **sources**.')
  const edited = item('a').notes[0]!
  expect(edited.createdAt).toBe(STAMP)
  expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(STAMP))
  await expect.poll(() => card!.querySelector('.edited time')?.getAttribute('datetime')).toBe(edited.updatedAt)
  expect(card!.querySelector('.written time')?.getAttribute('datetime')).toBe(STAMP)
  expect(card!.querySelector('.note-body strong')?.textContent).toBe('sources')

  expect(useEditorStore().undoLabel).toBe('Edit note')
  useEditorStore().undo()
  await expect.poll(() => bodyOf(card!)).toBe('First draft.')
  expect(item('a').notes[0]).toEqual(note('n1', 'First *draft*.'))
  expect(card!.querySelector('.edited')).toBeNull()
})

test('Ctrl+Enter saves an edit', async () => {
  const { screen } = await open([event('a', 'Pause announced', [note('n1', 'Old.')])])
  await userEvent.click(screen.getByRole('button', { name: /^Edit note/ }))
  await userEvent.keyboard(' Amended.{Control>}{Enter}{/Control}')
  await expect.poll(() => item('a').notes[0]!.body).toBe('Old. Amended.')
  expect(screen.container.querySelector('.edit')).toBeNull()
})

test('deleting a note asks first, and the deletion can be undone', async () => {
  const { screen } = await open([event('a', 'Pause announced', [note('n1', 'Keep me.'), note('n2', 'Drop me.')])])
  const remove = screen.getByRole('button', { name: /^Delete note by Colleague/ })
  await userEvent.click(remove.nth(1))
  const confirm = screen.getByRole('group', { name: 'Confirm deletion' })
  await expect.element(confirm).toHaveTextContent('Delete this note?')
  // "Keep" is the safe default under the keyboard.
  await expect.element(confirm.getByRole('button', { name: 'Keep' })).toHaveFocus()
  await userEvent.click(confirm.getByRole('button', { name: 'Keep' }))
  expect(item('a').notes).toHaveLength(2)
  expect(screen.container.querySelector('.confirm')).toBeNull()

  await userEvent.click(remove.nth(1))
  await userEvent.click(screen.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }))
  await expect.poll(() => item('a').notes.map((n) => n.id)).toEqual(['n1'])
  expect(noteEls(screen.container).map(bodyOf)).toEqual(['Keep me.'])
  expect(useEditorStore().undoLabel).toBe('Delete note')

  // The thread offers the undo right there.
  const status = screen.getByRole('status')
  await expect.element(status).toHaveTextContent('Note deleted.')
  await userEvent.click(status.getByRole('button', { name: 'Undo' }))
  await expect.poll(() => item('a').notes.map((n) => n.id)).toEqual(['n1', 'n2'])
  expect(noteEls(screen.container).map(bodyOf)).toEqual(['Keep me.', 'Drop me.'])
  expect(screen.container.querySelector('.status button')).toBeNull()
})

test('an unsent note and an unsaved edit survive switching to another event and back', async () => {
  const { screen, composer } = await open([
    event('a', 'Pause announced', [note('n1', 'Saved text.')]),
    event('b', 'Pause lifted')
  ])
  await userEvent.fill(composer(), 'Half-written thought')
  await userEvent.click(screen.getByRole('button', { name: /^Edit note/ }))
  await userEvent.fill(screen.container.querySelector<HTMLTextAreaElement>('.edit textarea')!, 'Half-edited')

  useViewStore().select('b', { open: true })
  await expect.poll(() => noteEls(screen.container).length).toBe(0)
  expect(composer().value).toBe('')
  await userEvent.fill(composer(), 'Draft on b')

  useViewStore().select('a', { open: true })
  await expect.poll(() => composer().value).toBe('Half-written thought')
  expect(screen.container.querySelector<HTMLTextAreaElement>('.edit textarea')?.value).toBe('Half-edited')
  // Nothing was written into the document by switching.
  expect(item('a').notes.map((n) => n.body)).toEqual(['Saved text.'])
  expect(item('b').notes).toEqual([])

  useViewStore().select('b', { open: true })
  await expect.poll(() => composer().value).toBe('Draft on b')
})

test('"Add Note to Selected Event" focuses the composer of the shown event', async () => {
  const { composer } = await open([event('a', 'Pause announced')])
  expect(document.activeElement).not.toBe(composer())
  useViewStore().focusField('note')
  await expect.poll(() => document.activeElement).toBe(composer())
  // The request is used up, so that the next event's thread does not grab focus by itself.
  expect(useViewStore().focusRequest).toBeNull()
})

test('a hostile note renders inert, in the thread and in the live preview', async () => {
  const hostile = [
    '<script>window.__threadPwned = 1</script>',
    '',
    '<img src=x onerror="window.__threadPwned = 2">',
    '',
    '[x](javascript:alert(1)) and [y](JAVASCRIPT:window.__threadPwned=3) and [ok](https://example.org/a)'
  ].join('\n')
  delete window.__threadPwned
  const { screen, composer } = await open([event('a', 'Pause announced', [note('n1', hostile)])])
  await userEvent.fill(composer(), hostile)
  await expect.poll(() => screen.container.querySelector('.composer .preview')).not.toBeNull()

  for (const root of [screen.container.querySelector('.note-body')!, screen.container.querySelector('.preview')!]) {
    expect(root.querySelector('script, img')).toBeNull()
    expect(root.querySelector('a[href="https://example.org/a"]')?.textContent).toBe('ok')
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(hrefs.filter((href) => !/^https?:/i.test(href ?? ''))).toEqual([])
    expect(root.textContent).toContain('<script>window.__threadPwned = 1</script>')
  }
  // Let an image error event, had one been made, have fired.
  await new Promise((resolve) => requestAnimationFrame(resolve))
  expect(window.__threadPwned).toBeUndefined()
})

test('Enter on a note’s buttons presses them instead of running the app’s Enter shortcut', async () => {
  const { screen } = await open([event('a', 'Pause announced', [note('n1', 'Keyboard only.')])])
  const edit = screen.getByRole('button', { name: /^Edit note/ })
  ;(edit.element() as HTMLElement).focus()
  await userEvent.keyboard('{Enter}')
  await expect.poll(() => screen.container.querySelector('.edit textarea')).not.toBeNull()
  await userEvent.keyboard('{Escape}')
  await expect.poll(() => screen.container.querySelector('.edit')).toBeNull()

  const remove = screen.getByRole('button', { name: /^Delete note/ })
  ;(remove.element() as HTMLElement).focus()
  await userEvent.keyboard('{Enter}')
  // Focus is on "Keep"; Tab back to "Delete" and press it.
  await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Enter}')
  await expect.poll(() => item('a').notes).toEqual([])
  // Focus moved to the offer to undo; Enter takes it.
  await expect.poll(() => document.activeElement?.textContent).toBe('Undo')
  await userEvent.keyboard('{Enter}')
  await expect.poll(() => item('a').notes.map((n) => n.id)).toEqual(['n1'])
  expect(commandsRun).toEqual([])
})
