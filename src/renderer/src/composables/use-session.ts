import { storeToRefs } from 'pinia'
import { nextTick, ref, watch, type Ref } from 'vue'
import type { Session } from '@shared/ipc'
import type { TimeWindow } from '@shared/view/timeline-items'
import { useDocumentStore } from '../stores/document'
import { useSettingsStore } from '../stores/settings'
import { useViewStore } from '../stores/view'

/** How long the view must stay still before where the user is gets written down. */
const SAVE_DELAY_MS = 500

/**
 * Reopens the timeline as the user left it (the library store opens the session's timeline first):
 * the visible window, the selection, the filter and search, the view in front and the open panel.
 * Afterwards it writes down where the user is, a moment after each change, in the per-user
 * settings (keyed there by library), never in the library folder.
 * `restoring` is true while the saved state is put back, so that it is not taken for the user's moves.
 */
export function useSession(showWindow: (window: TimeWindow) => void): {
  restoring: Ref<boolean>
  flush: () => Promise<unknown>
} {
  const settings = useSettingsStore()
  const view = useViewStore()
  const { name, document, preview, opening } = storeToRefs(useDocumentStore())
  const restoring = ref(false)
  let restored = false
  /** The window was put back already, on the outline drawn while the timeline opened. */
  let windowShown = false
  let timer: ReturnType<typeof setTimeout> | undefined

  async function restore(session: Session): Promise<void> {
    restoring.value = true
    const ids = new Set(document.value?.items.map((item) => item.id))
    const groups = new Set(document.value?.groups.map((group) => group.id))
    const { groupIds, ...rest } = session.filter ?? {}
    const lanes = groupIds?.filter((id) => groups.has(id))
    view.setFilter(lanes?.length ? { ...rest, groupIds: lanes } : rest)
    view.query = session.query ?? ''
    view.mainView = session.mainView ?? 'timeline'
    view.setSelection((session.selectedIds ?? []).filter((id) => ids.has(id)))
    view.detailsOpen = Boolean(session.detailsOpen) && view.selectedIds.length > 0
    await nextTick()
    if (session.window && !windowShown) showWindow(session.window)
    await nextTick()
    restoring.value = false
  }

  // Once: the first time the session's timeline is open (the timeline is drawn by then: flush post).
  watch(
    name,
    (opened) => {
      const session = settings.session
      if (restored || !opened || !session) return
      restored = true
      if (session.name === opened) void restore(session)
    },
    { flush: 'post' }
  )

  // A large timeline's outline, drawn while it opens, is drawn where the user left the timeline;
  // where they move it meanwhile is where they stay when the timeline itself is in.
  watch(
    preview,
    (outline) => {
      const session = settings.session
      if (restored || windowShown || !outline || !session?.window || session.name !== opening.value) return
      windowShown = true
      showWindow(session.window)
    },
    { flush: 'post' }
  )

  function current(): Session | null {
    if (!name.value) return null
    const { text: _text, ...filter } = view.filter
    return {
      name: name.value,
      ...(view.window ? { window: view.window } : {}),
      selectedIds: view.selectedIds.slice(-1000),
      detailsOpen: view.detailsOpen,
      mainView: view.mainView,
      query: view.query,
      filter
    }
  }

  let pending = false
  let saving: Promise<unknown> = Promise.resolve()
  function save(): Promise<unknown> {
    clearTimeout(timer)
    pending = false
    const session = current()
    // Losing a view state is no loss of work: a failed write is not reported.
    if (session) saving = settings.update({ session }).catch(() => {})
    return saving
  }

  watch(
    () => [name.value, view.window, view.selectedIds, view.detailsOpen, view.mainView, view.filter, view.query],
    () => {
      if (restoring.value) return
      clearTimeout(timer)
      pending = true
      timer = setTimeout(save, SAVE_DELAY_MS)
    }
  )
  /** Before the app quits: a pending write happens now, and one under way is waited for. */
  const flush = () => (pending ? save() : saving)
  return { restoring, flush }
}
