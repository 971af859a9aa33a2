import { onBeforeUnmount, onMounted } from 'vue'
import {
  APP_COMMANDS,
  describeAccelerator,
  isAppCommandId,
  matchesAccelerator,
  type AppCommandId
} from '@shared/app-commands'
import { onEvent } from '../api'

export type CommandHandlers = Record<AppCommandId, () => void>

const isMac = /Mac/.test(globalThis.navigator?.platform ?? '')

const INTERACTIVE =
  'button, a[href], summary, select, [role="button"], [role="radio"], [role="tab"], [role="option"], [role="menuitem"], [role="checkbox"], [role="switch"]'
const OWNS_ARROWS = '[role="radiogroup"], [role="listbox"], [role="tablist"], [role="menu"], [role="grid"], select'

/** Whether the focused element uses this key itself: a text field its keys, a button Enter, a list its arrows. */
function keyBelongsToTarget(key: string, target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.closest !== 'function') return false
  if (element.closest('input, textarea, select, [contenteditable="true"]')) return true
  if (key === 'Enter' || key === ' ') return Boolean(element.closest(INTERACTIVE))
  if (key.startsWith('Arrow')) return Boolean(element.closest(OWNS_ARROWS))
  return false
}

/**
 * Binds every app command to its shortcut and to the menu (main sends the chosen entry's id).
 * Plain-key shortcuts and undo/redo leave text fields alone, so typing works as it should.
 */
export function useAppCommands(handlers: CommandHandlers): (id: AppCommandId) => void {
  const run = (id: AppCommandId) => handlers[id]()

  function onKeydown(event: KeyboardEvent): void {
    // A modal dialog owns the keyboard while it is open: nothing happens behind it.
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog:modal')) return
    for (const command of APP_COMMANDS) {
      if (!matchesAccelerator(command.accelerator, event, isMac)) continue
      // Plain keys, and undo/redo in a text field (its own undo), stay with the focused element.
      const textUndo = command.id === 'edit.undo' || command.id === 'edit.redo'
      if (('plainKey' in command || textUndo) && keyBelongsToTarget(textUndo ? 'z' : event.key, event.target)) return
      event.preventDefault()
      run(command.id)
      return
    }
  }

  let disposeMenu = () => {}
  onMounted(() => {
    globalThis.addEventListener('keydown', onKeydown)
    disposeMenu = onEvent('menu:command', (id) => {
      if (isAppCommandId(id)) run(id)
    })
  })
  onBeforeUnmount(() => {
    globalThis.removeEventListener('keydown', onKeydown)
    disposeMenu()
  })
  return run
}

/** "Undo (Ctrl+Z)": a button's tooltip, naming its shortcut as this platform writes it. */
export function commandTitle(id: AppCommandId, label?: string): string {
  const command = APP_COMMANDS.find((c) => c.id === id)!
  return `${label ?? command.label} (${describeAccelerator(command.accelerator, isMac)})`
}
