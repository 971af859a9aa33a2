import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { countOf } from '@shared/count'
import type { LibraryEntry } from '@shared/ipc'
import { api, ChronotesError } from '../api'
import { useDocumentStore } from './document'

/** The timelines in the library folder, and the commands that create, rename, copy and trash them. */
export const useLibraryStore = defineStore('library', () => {
  const entries = ref<LibraryEntry[]>([])
  const libraryPath = ref('')
  const openError = ref<ChronotesError | null>(null)
  /** The timeline that could not be opened, so the user can restore its last good backup. */
  const failedName = ref<string | null>(null)
  /** The timeline being opened (a large one takes seconds), until it is shown or fails. */
  const opening = ref<LibraryEntry | null>(null)
  /** "Opening “Field notes” (100,000 events)…": said while it is. */
  const openingLabel = computed(() => {
    const entry = opening.value
    if (!entry) return ''
    if (entry.status !== 'ok') return `Opening ${entry.name}…`
    return entry.itemCount === null
      ? `Opening “${entry.title}”…`
      : `Opening “${entry.title}” (${countOf(entry.itemCount, 'event')})…`
  })
  /** Whether the library has been read once: until then there is nothing to offer or say. */
  const ready = ref(false)
  const documents = useDocumentStore()

  // The open timeline's entry follows its edits (title, number of events) without reading the folder.
  watch(
    () => documents.document,
    (doc) => {
      const entry = entries.value.find((e) => e.name === documents.name)
      if (doc && entry?.status === 'ok') Object.assign(entry, { title: doc.title, itemCount: doc.items.length })
    }
  )

  /** Which listing answers last: an earlier one that answers late has no say. */
  let listings = 0
  async function refresh(): Promise<void> {
    const listing = ++listings
    const listed = await api.library.list()
    if (listing !== listings) return
    entries.value = listed
    // A large timeline new to the list comes without its count (see LibraryIndex): listed again once counted.
    if (listed.some((entry) => entry.status === 'ok' && entry.itemCount === null))
      void api.library
        .counted()
        .then(() => (listing === listings ? refresh() : undefined))
        .catch(() => {}) // the count stays unsaid; the next listing asks again
  }

  /**
   * Loads the list and opens the timeline the user had open last in this library, or else the first
   * readable one (the bundled dataset on first run).
   */
  async function start(): Promise<void> {
    const settings = await api.settings.get()
    libraryPath.value = settings.libraryPath
    // The timeline left open is the one most likely opened: a large one's outline is asked for while the folder is listed.
    const last = settings.session?.name
    const outline = last ? documents.askOutline(last) : undefined
    await refresh()
    ready.value = true
    const readable = entries.value.filter((entry) => entry.status === 'ok')
    const first = readable.find((entry) => entry.name === last) ?? readable[0]
    if (first) await open(first.name, first.name === last ? outline : undefined)
    else documents.close()
  }

  async function open(name: string, outline?: ReturnType<typeof documents.askOutline>): Promise<void> {
    openError.value = null
    opening.value = entries.value.find((entry) => entry.name === name) ?? null
    try {
      await documents.open(name, outline)
    } catch (error) {
      // An open overtaken by a later one (a large timeline takes seconds) has no say.
      if (!documents.isLatestOpen(name)) return
      documents.close()
      openError.value = error instanceof ChronotesError ? error : new ChronotesError('INTERNAL', String(error))
      failedName.value = name
    } finally {
      if (documents.isLatestOpen(name)) opening.value = null
    }
  }
  async function create(title: string): Promise<void> {
    await documents.flush()
    documents.load(await api.documents.create(title))
    openError.value = null
    await refresh()
  }

  async function rename(name: string, title: string): Promise<void> {
    if (documents.name === name) await documents.flush()
    const renamed = await api.documents.rename(name, title)
    if (documents.name === name) documents.load(renamed)
    await refresh()
  }

  async function duplicate(name: string): Promise<void> {
    await documents.flush()
    documents.load(await api.documents.duplicate(name))
    await refresh()
  }

  async function trash(name: string): Promise<void> {
    if (documents.name === name) {
      await documents.flush()
      documents.close()
    }
    await api.documents.trash(name)
    await refresh()
    const next = entries.value.find((entry) => entry.status === 'ok')
    if (!documents.name && next) await open(next.name)
  }

  async function restoreLatestBackup(name: string): Promise<boolean> {
    const [latest] = await api.documents.backups(name)
    if (!latest) return false
    documents.load(await api.documents.restoreBackup(name, latest.id))
    openError.value = null
    await refresh()
    return true
  }

  async function chooseLocation(): Promise<void> {
    await documents.flush()
    const settings = await api.library.chooseLocation()
    if (settings) await start()
  }

  return {
    entries,
    libraryPath,
    openError,
    failedName,
    opening,
    openingLabel,
    ready,
    refresh,
    start,
    open,
    create,
    rename,
    duplicate,
    trash,
    restoreLatestBackup,
    chooseLocation
  }
})
