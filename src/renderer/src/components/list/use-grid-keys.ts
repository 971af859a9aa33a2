import type { Ref } from 'vue'
import type { SortKey } from './event-rows'

export interface GridKeyActions {
  grid: Ref<HTMLElement | null>
  /** The row the keyboard is on (or the first row); -1 when there are none. */
  activeIndex: Ref<number>
  lastIndex: () => number
  /** How many rows a page key moves: one screenful, less one row of overlap. */
  pageSize: () => number
  /** Makes a row the active one (scrolled into view and focused); `select` also selects it. */
  moveTo: (index: number, options: { select: boolean }) => void
  activate: (index: number, options: { extend?: boolean; open?: boolean }) => void
  sortBy: (key: SortKey) => void
}

/**
 * The grid's keys, after the ARIA grid pattern with whole rows as the unit. On the rows:
 * Up/Down/Home/End/PageUp/PageDown move and select (with Ctrl or Cmd they only move), Space
 * selects (Ctrl+Space adds or removes the row), Enter opens the details; Up from the first row
 * goes to the column headers. On the headers: Left/Right/Home/End move, Enter/Space sort, Down
 * goes to the first row. Keys handled here are marked handled, so the app's shortcuts (Enter opens
 * the selection) do not act on them a second time; the others (Delete, Escape, Left/Right on the
 * rows) stay the app's.
 */
export function useGridKeys(actions: GridKeyActions): (event: KeyboardEvent) => void {
  function headerButtons(): HTMLElement[] {
    return [...(actions.grid.value?.querySelectorAll<HTMLElement>('[data-column]') ?? [])]
  }

  function onHeaderKey(event: KeyboardEvent, button: HTMLElement): boolean {
    const buttons = headerButtons()
    const at = buttons.indexOf(button)
    const focus = (index: number) => buttons[Math.max(0, Math.min(index, buttons.length - 1))]?.focus()
    switch (event.key) {
      case 'ArrowLeft':
        focus(at - 1)
        return true
      case 'ArrowRight':
        focus(at + 1)
        return true
      case 'Home':
        focus(0)
        return true
      case 'End':
        focus(buttons.length - 1)
        return true
      case 'ArrowDown':
        // Into the first row, as the grid pattern has it, without changing the selection.
        actions.moveTo(0, { select: false })
        return true
      case 'Enter':
      case ' ':
        actions.sortBy(button.dataset['column'] as SortKey)
        return true
      default:
        return false
    }
  }

  function onRowKey(event: KeyboardEvent): boolean {
    const at = actions.activeIndex.value
    if (at < 0) return false
    const ctrl = event.ctrlKey || event.metaKey
    const select = !ctrl
    switch (event.key) {
      case 'ArrowDown':
        actions.moveTo(at + 1, { select })
        return true
      case 'ArrowUp':
        if (at === 0 && !ctrl) {
          const sorted = actions.grid.value?.querySelector<HTMLElement>('[aria-sort] [data-column]')
          ;(sorted ?? headerButtons()[0])?.focus()
        } else actions.moveTo(at - 1, { select })
        return true
      case 'Home':
        actions.moveTo(0, { select })
        return true
      case 'End':
        actions.moveTo(actions.lastIndex(), { select })
        return true
      case 'PageDown':
        actions.moveTo(Math.min(at + actions.pageSize(), actions.lastIndex()), { select })
        return true
      case 'PageUp':
        actions.moveTo(Math.max(at - actions.pageSize(), 0), { select })
        return true
      case ' ':
        actions.activate(at, { extend: ctrl })
        return true
      case 'Enter':
        if (ctrl || event.shiftKey) return false
        actions.activate(at, { open: true })
        return true
      default:
        return false
    }
  }

  return (event) => {
    if (event.defaultPrevented || event.altKey || event.isComposing) return
    const target = event.target as HTMLElement
    const header = target.closest<HTMLElement>('[data-column]')
    const row = target.closest<HTMLElement>("[role='row'][data-id]")
    const handled = header ? onHeaderKey(event, header) : row ? onRowKey(event) : false
    if (handled) event.preventDefault()
  }
}
