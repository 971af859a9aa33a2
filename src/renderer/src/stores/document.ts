import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { documentChanges } from '@shared/document-changes'
import type { OpenedDocument, OpenedText, OutlineText } from '@shared/ipc'
import { newId } from '@shared/model/ids'
import type { TimelineDocument } from '@shared/model/schema'
import { readOutline, type Outline } from '@shared/view/outline'
import { TimelineModel } from '@shared/view/timeline-model'
import { api, ChronotesError } from '../api'
import { nextBackgroundTask } from '../workers/background-slices'
import { parseDocument } from '../workers/parse-document'

/** How long after the last edit the document saves itself. */
export const AUTOSAVE_DELAY_MS = 800

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error'

/**
 * Main sends an opened document as the bytes it has validated; decoding and parsing them is the
 * one copy, in a worker for a large one (parse-document.ts).
 */
async function parseOpened({ bytes, ...opened }: OpenedText): Promise<OpenedDocument> {
  return { ...opened, document: await parseDocument(bytes) }
}

/**
 * The open document and its life on disk: edits, autosave, and what happens when the file was
 * changed by someone else. The document is replaced, never mutated, so views can diff by identity.
 */
export const useDocumentStore = defineStore('document', () => {
  const name = ref<string | null>(null)
  const document = shallowRef<TimelineDocument | null>(null)
  /**
   * A large timeline's outline while the timeline itself opens: drawn, read-only, and never
   * edited or saved (see shared/view/outline.ts). Cleared when the document is loaded.
   */
  const preview = shallowRef<Outline | null>(null)
  /** What the window shows: the document, or the outline of the one opening (both have an id, a title and lanes). */
  const shown = computed<Pick<TimelineDocument, 'id' | 'title' | 'groups'> | null>(
    () => document.value ?? preview.value
  )
  /** How many events the timeline shown has. */
  const eventCount = computed(() => document.value?.items.length ?? preview.value?.events.id.length ?? 0)
  /** The file being opened, while it is. */
  const opening = ref<string | null>(null)
  /** The file asked for last: an open overtaken by a later one has no say (an outline, a load, an error). */
  let asked: string | null = null
  const revision = ref<string | null>(null)
  const migratedFrom = ref<number | null>(null)
  const savedAt = ref<string | null>(null)
  const saving = ref(false)
  const problem = ref<ChronotesError | null>(null)
  // Edits are counted so that one made while a save is under way is not marked saved.
  const editCount = ref(0)
  const savedEditCount = ref(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  let saveInFlight: Promise<void> | null = null
  /** The document as the file on disk holds it (at `revision`): autosave sends only what changed since. */
  let onDisk: TimelineDocument | null = null
  /** The timeline model of the document being loaded, built while it opened: taken by the index store. */
  let built: { document: TimelineDocument; model: TimelineModel } | null = null

  const dirty = computed(() => editCount.value !== savedEditCount.value)
  const state = computed<SaveState>(() => {
    if (problem.value?.code === 'CONFLICT') return 'conflict'
    if (problem.value) return 'error'
    if (saving.value) return 'saving'
    return dirty.value ? 'unsaved' : 'saved'
  })

  function load(opened: OpenedDocument): void {
    clearTimeout(timer)
    preview.value = null
    name.value = opened.name
    document.value = opened.document
    revision.value = opened.revision
    onDisk = opened.migratedFrom === undefined ? opened.document : null
    migratedFrom.value = opened.migratedFrom ?? null
    problem.value = null
    savedAt.value = null
    editCount.value = savedEditCount.value = 0
    // A migrated file is saved in the new version at once; the service keeps the old one as a backup.
    if (opened.migratedFrom !== undefined) markEdited()
    performance.mark('chronotes:document-loaded')
  }

  function close(): void {
    clearTimeout(timer)
    name.value = document.value = preview.value = revision.value = onDisk = null
    problem.value = null
    editCount.value = savedEditCount.value = 0
  }

  /** A large timeline's outline, null when there is none (or it cannot be had: it is only a head start). */
  function askOutline(fileName: string): Promise<OutlineText | null> {
    return api.documents.outline(fileName).catch(() => null)
  }

  /** Opens a timeline; `outline` is its outline if already asked for (askOutline). */
  async function open(fileName: string, outline = askOutline(fileName)): Promise<void> {
    asked = fileName
    await flush()
    opening.value = fileName
    try {
      // The outline before the document: asked together over the bridge, it came only once the
      // whole document had been read (measured).
      const bytes = (await outline)?.bytes
      const text = api.documents.openText(fileName)
      showPreview(fileName, bytes)
      const opened = await parseOpened(await text)
      // Built here a part at a time, as it was parsed: in one task, 0.2 s at 100,000 events.
      const model = await TimelineModel.ofDocument(opened.document, nextBackgroundTask)
      // Another timeline was asked for meanwhile: that one is shown, not this one over it.
      if (!isLatestOpen(fileName)) return
      // An edit made to the timeline on screen while this one was read is saved before it goes.
      await flush()
      if (!isLatestOpen(fileName)) return
      built = { document: opened.document, model }
      load(opened)
    } finally {
      if (opening.value === fileName) opening.value = null
    }
  }

  /** The model built for `doc` while it opened, once (the index store builds its own otherwise). */
  function takeBuiltModel(doc: TimelineDocument): TimelineModel | null {
    const model = built?.document === doc ? built.model : null
    built = null
    return model
  }

  /** Whether `fileName` is the timeline asked for last (an open of another since overtook it). */
  function isLatestOpen(fileName: string): boolean {
    return asked === fileName
  }

  /** Draws the outline of the timeline being opened, in place of the one on screen (saved before the open). */
  function showPreview(fileName: string, bytes: Uint8Array | undefined): void {
    // An edit made since the flush stays on screen until its document is saved and replaced.
    if (!isLatestOpen(fileName) || !bytes || dirty.value) return
    const outline = readOutline(new TextDecoder().decode(bytes))
    if (!outline) return
    close()
    preview.value = outline
  }

  /** Puts an edited document in place and schedules a save. Edits go through the editor store. */
  function commit(next: TimelineDocument): void {
    document.value = next
    markEdited()
  }

  function markEdited(): void {
    editCount.value++
    clearTimeout(timer)
    timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS)
  }

  async function save(force = false): Promise<void> {
    clearTimeout(timer)
    if (saveInFlight) await saveInFlight
    const doc = document.value
    const fileName = name.value
    if (!doc || !fileName || !dirty.value || (problem.value?.code === 'CONFLICT' && !force)) return
    const edits = editCount.value
    saving.value = true
    const options = { baseRevision: revision.value, force }
    // A forced save writes over a file this window never read: the whole document goes.
    const request =
      onDisk && !force
        ? api.documents.saveChanges(fileName, documentChanges(onDisk, doc), options)
        : api.documents.save(fileName, doc, options)
    saveInFlight = request
      .then((result) => {
        if (name.value !== fileName) return
        onDisk = doc
        revision.value = result.revision
        savedAt.value = result.savedAt
        savedEditCount.value = edits
        problem.value = null
      })
      .catch((error: unknown) => {
        problem.value = error instanceof ChronotesError ? error : new ChronotesError('INTERNAL', String(error))
      })
      .finally(() => {
        saving.value = false
        saveInFlight = null
      })
    await saveInFlight
  }

  /** Saves now whatever is unsaved; used before switching documents and before quitting. */
  async function flush(): Promise<void> {
    if (dirty.value) await save()
    else if (saveInFlight) await saveInFlight
  }

  /**
   * Main saw another program change (or remove) the open document's file: say so now, with the
   * same choices a conflicting save offers, and hold autosave until the user has chosen.
   */
  function noticeExternalChange(change: { name: string; deleted: boolean }): void {
    if (change.name !== name.value) return
    clearTimeout(timer)
    problem.value = new ChronotesError(
      'CONFLICT',
      change.deleted
        ? `"${change.name}" was moved or deleted on disk by another program.`
        : `"${change.name}" was changed on disk by another program.`
    )
  }

  /** The file changed on disk: keep mine over it, take theirs, or keep mine as a new document. */
  async function resolveConflict(choice: 'overwrite' | 'reload' | 'copy'): Promise<OpenedDocument | null> {
    const doc = document.value
    const fileName = name.value
    if (!doc || !fileName) return null
    if (choice === 'overwrite') {
      await save(true)
      return null
    }
    if (choice === 'reload') {
      const opened = await parseOpened(await api.documents.openText(fileName))
      // Another timeline opened meanwhile: theirs is not put over it.
      if (name.value === fileName) load(opened)
      return null
    }
    const created = await api.documents.create(`${doc.title} (my version)`)
    const mine = { ...doc, id: newId(), title: created.document.title }
    const saved = await api.documents.save(created.name, mine, { baseRevision: created.revision })
    const opened = { name: created.name, document: mine, revision: saved.revision }
    load(opened)
    return opened
  }

  return {
    name,
    document,
    preview,
    shown,
    eventCount,
    opening,
    revision,
    migratedFrom,
    savedAt,
    saving,
    problem,
    dirty,
    state,
    load,
    close,
    askOutline,
    open,
    isLatestOpen,
    takeBuiltModel,
    commit,
    save,
    flush,
    noticeExternalChange,
    resolveConflict
  }
})
