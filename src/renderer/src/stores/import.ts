import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { importFile } from '@shared/codecs'
import {
  MAX_IMPORT_BYTES,
  type FormatId,
  type ReadResult,
  type TableMapping,
  type TablePreview
} from '@shared/codecs/types'
import { applyMerge, compareDocuments, defaultMergeChoices, suggestLanes } from '@shared/merge'
import type { Comparison, LaneChoices, LaneMatch, MergeChoice, MergePlan } from '@shared/merge/types'
import { countProblems, sortProblems, type Problem, type ProblemCounts } from '@shared/model/problems'
import type { TimelineDocument } from '@shared/model/schema'
import { api, ChronotesError } from '../api'
import { describeDone, summarizeMerge } from '../components/import/merge-format'
import { readFileOffThread } from '../workers/read-file'
import { useDocumentStore } from './document'
import { useEditorStore } from './editor'
import { useLibraryStore } from './library'

/**
 * Where the import wizard is. `closed` is no import under way; the others are its steps, in order:
 * choose a file, read it, map its columns, accept what could not be read, choose where it goes,
 * map their lanes onto mine (when some are not mine already), review the merge.
 */
export type ImportStep =
  'closed' | 'source' | 'reading' | 'mapping' | 'problems' | 'failed' | 'destination' | 'lanes' | 'review'

export type Destination = 'merge' | 'new'

/** Files up to this size are read again at every change of the mapping, for the live count. */
const LIVE_COUNT_MAX_BYTES = 2 * 1024 * 1024

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Lets the browser paint ("Reading…") before a long synchronous read starts. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

/**
 * A colleague's file on its way into the library: read in the renderer with the shared codecs,
 * mapped, checked, then either opened as a new timeline or merged into the open one as ONE
 * undoable step. Nothing in the open document changes before the user confirms.
 */
export const useImportStore = defineStore('import', () => {
  const documents = useDocumentStore()
  const step = ref<ImportStep>('closed')
  const fileName = ref('')
  const format = ref<FormatId | null>(null)
  /** What could not be read (rows left out, or why nothing could be read). */
  const problems = shallowRef<Problem[]>([])
  const preview = shallowRef<TablePreview | null>(null)
  const suggested = shallowRef<TableMapping | null>(null)
  /** The mapping the user confirmed last, so that going back shows it again. */
  const mapping = shallowRef<TableMapping | null>(null)
  /** Their file, read as a document. */
  const theirs = shallowRef<TimelineDocument | null>(null)
  const destination = ref<Destination>('merge')
  const plan = shallowRef<MergePlan | null>(null)
  /** One choice per comparison of the plan, in its order. */
  const choices = ref<MergeChoice[]>([])
  /** Their lanes with the suggested lane of mine, for the lane-mapping step. */
  const laneSuggestions = shallowRef<LaneMatch[]>([])
  /** The user's lane mapping: their lane id → my lane id, or null for a new lane. */
  const laneChoices = ref<Record<string, string | null>>({})
  /** Why the last action failed (a file too large, the disk), shown in the wizard. */
  const error = ref('')
  /** What the last import did, for a short notice after the wizard closes. */
  const notice = ref('')
  const busy = ref(false)
  // The file's bytes, kept for reading again with a mapping; never reactive (up to 100 MB).
  let bytes: Uint8Array | null = null
  // The document the plan was made against: the merge is applied to exactly that.
  let mine: TimelineDocument | null = null
  /** Ends the read under way (in its worker) when the user cancels. */
  let reading: AbortController | null = null

  const canMerge = computed(() => documents.document !== null)
  const mergeTarget = computed(() => documents.document?.title ?? '')
  const liveCountAvailable = computed(() => (bytes?.length ?? 0) <= LIVE_COUNT_MAX_BYTES)

  function reset(): void {
    fileName.value = ''
    format.value = null
    problems.value = []
    preview.value = suggested.value = mapping.value = null
    theirs.value = null
    plan.value = null
    choices.value = []
    laneSuggestions.value = []
    laneChoices.value = {}
    error.value = ''
    busy.value = false
    bytes = null
    mine = null
  }

  /** Opens the wizard at its first step: choose a file. */
  function open(): void {
    if (step.value !== 'closed' && step.value !== 'source') return
    reset()
    notice.value = ''
    step.value = 'source'
  }

  /** Cancel at any step, reading too: nothing was changed, and nothing is. */
  function cancel(): void {
    reading?.abort()
    reading = null
    reset()
    step.value = 'closed'
  }

  /** "Choose a file…": main shows the open dialog and sends the bytes. */
  async function chooseFile(): Promise<void> {
    error.value = ''
    busy.value = true
    try {
      const file = await api.files.openForImport()
      if (file) await begin(file.fileName, fromBase64(file.base64))
    } catch (caught) {
      error.value = messageOf(caught)
    } finally {
      busy.value = false
    }
  }

  /** A file dropped on the window (or chosen any other way in the renderer). */
  async function start(file: File): Promise<void> {
    if (step.value !== 'closed' && step.value !== 'source') return
    reset()
    notice.value = ''
    step.value = 'source'
    if (file.size > MAX_IMPORT_BYTES) {
      error.value = `“${file.name}” is ${megabytes(file.size)}; Chronotes imports files of up to ${megabytes(MAX_IMPORT_BYTES)}.`
      return
    }
    try {
      await begin(file.name, new Uint8Array(await file.arrayBuffer()))
    } catch (caught) {
      step.value = 'source'
      error.value = messageOf(caught)
    }
  }

  async function begin(name: string, data: Uint8Array): Promise<void> {
    bytes = data
    fileName.value = name
    await read()
  }

  /** Reads the file (again, with the mapping the user confirmed) and moves to the step that follows. */
  async function read(withMapping?: TableMapping): Promise<void> {
    if (!bytes) return
    error.value = ''
    step.value = 'reading'
    reading?.abort()
    const controller = (reading = new AbortController())
    let result: ReadResult
    try {
      result = await readFileOffThread(
        bytes,
        fileName.value,
        { now: new Date(), ...(withMapping ? { mapping: withMapping } : {}) },
        controller.signal
      )
    } catch (caught) {
      if (caught instanceof ChronotesError && caught.code === 'CANCELLED') return
      throw caught
    } finally {
      if (reading === controller) reading = null
    }
    format.value = result.format
    problems.value = sortProblems(result.problems)
    if (withMapping) mapping.value = withMapping
    if (result.status === 'needs-mapping') {
      preview.value = result.preview
      suggested.value = result.suggested
      step.value = 'mapping'
    } else if (result.status === 'failed') {
      step.value = 'failed'
    } else {
      theirs.value = result.document
      destination.value = canMerge.value ? 'merge' : 'new'
      step.value = result.problems.length ? 'problems' : 'destination'
    }
  }

  /** How many events a mapping would import, and what the problems did (the mapping step's live count); null for large files. */
  function countWith(candidate: TableMapping): ({ events: number } & ProblemCounts) | null {
    if (!bytes || !liveCountAvailable.value) return null
    const result = importFile(bytes, fileName.value, { now: new Date(), mapping: candidate })
    const events = result.status === 'ok' ? result.document.items.length : 0
    return { events, ...countProblems(result.problems) }
  }

  /** "Import the other M": the rows that could not be read stay out. */
  function acceptProblems(): void {
    if (step.value === 'problems' && theirs.value) step.value = 'destination'
  }

  /** Back from the problems or destination step to the mapping (for a spreadsheet). */
  function backToMapping(): void {
    if (preview.value) step.value = 'mapping'
  }

  /**
   * Destination chosen: open as a new timeline at once, or merge: map their lanes first when some
   * are not lanes of mine already (by id), then compare for the review.
   */
  async function chooseDestination(choice: Destination): Promise<void> {
    const doc = theirs.value
    if (!doc) return
    destination.value = choice
    error.value = ''
    if (choice === 'new') return openAsNew(doc)
    const current = documents.document
    if (!current) return
    const suggestions = suggestLanes(current.groups, doc)
    laneSuggestions.value = suggestions
    laneChoices.value = Object.fromEntries(
      suggestions.map((match) => [match.theirs.id, match.isNew ? null : match.target])
    )
    if (suggestions.some((match) => match.suggestedBy !== 'id')) step.value = 'lanes'
    else await compare()
  }

  /** The lane of mine (or null: a new lane) that one of their lanes goes to. */
  function setLane(theirLane: string, target: string | null): void {
    laneChoices.value = { ...laneChoices.value, [theirLane]: target }
  }

  /** Lanes mapped: compare for the review. */
  async function confirmLanes(): Promise<void> {
    if (step.value === 'lanes') await compare()
  }

  /** Back from the review to the lanes (the review's choices are made again from the new comparison). */
  function backToLanes(): void {
    if (step.value === 'review' && laneSuggestions.value.some((match) => match.suggestedBy !== 'id'))
      step.value = 'lanes'
  }

  async function compare(): Promise<void> {
    const doc = theirs.value
    const current = documents.document
    if (!doc || !current) return
    busy.value = true
    await nextPaint()
    mine = current
    const lanes: LaneChoices = laneChoices.value
    const compared = compareDocuments(current, doc, { source: fileName.value, lanes })
    plan.value = compared
    choices.value = defaultMergeChoices(compared)
    busy.value = false
    step.value = 'review'
  }

  async function openAsNew(doc: TimelineDocument): Promise<void> {
    busy.value = true
    try {
      const library = useLibraryStore()
      await documents.flush()
      const opened = await api.documents.createFrom(doc)
      documents.load(opened)
      library.openError = null
      await library.refresh()
      notice.value = `Opened ${fileName.value} as a new timeline, ‘${opened.document.title}’: ${events(opened.document.items.length)}.`
      step.value = 'closed'
      reset()
    } catch (caught) {
      error.value = messageOf(caught)
    } finally {
      busy.value = false
    }
  }

  function setChoice(index: number, choice: MergeChoice): void {
    const next = choices.value.slice()
    next[index] = choice
    choices.value = next
  }

  /** "For all" in one section: the same choice for every comparison of that kind. */
  function setChoiceForAll(kind: Comparison['kind'], choice: MergeChoice): void {
    const current = plan.value
    if (!current) return
    choices.value = choices.value.map((previous, index) =>
      current.comparisons[index]?.kind === kind ? choice : previous
    )
  }

  /** The merge as the review stands; applying it is one command, so one undo step. */
  const command = computed(() =>
    plan.value && mine
      ? applyMerge(mine, plan.value, choices.value, { fileName: fileName.value, now: new Date() })
      : null
  )

  /** Confirm: the whole import as ONE undoable step. */
  function confirmMerge(): void {
    const current = plan.value
    if (!current || !mine) return
    if (documents.document !== mine) {
      // Something changed the timeline under the review (an autosave reload, say): compare again.
      error.value = 'The timeline changed while you were reviewing; the comparison has been made again.'
      void compare()
      return
    }
    const merge = applyMerge(mine, current, choices.value, { fileName: fileName.value, now: new Date() })
    const done = describeDone(summarizeMerge(current, choices.value, merge))
    useEditorStore().execute(`Import ${fileName.value}`, merge)
    notice.value = `Imported ${fileName.value} into ‘${mine.title}’: ${done}.`
    step.value = 'closed'
    reset()
  }

  return {
    step,
    fileName,
    format,
    problems,
    preview,
    suggested,
    mapping,
    theirs,
    destination,
    plan,
    choices,
    laneSuggestions,
    laneChoices,
    command,
    error,
    notice,
    busy,
    canMerge,
    mergeTarget,
    liveCountAvailable,
    open,
    cancel,
    chooseFile,
    start,
    read,
    countWith,
    acceptProblems,
    backToMapping,
    chooseDestination,
    setLane,
    confirmLanes,
    backToLanes,
    setChoice,
    setChoiceForAll,
    confirmMerge
  }
})

function events(n: number): string {
  return n === 1 ? '1 event' : `${n} events`
}

/** An error's message as the user reads it. */
export function messageOf(error: unknown): string {
  return error instanceof ChronotesError || error instanceof Error ? error.message : String(error)
}
