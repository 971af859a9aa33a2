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

/** Whether the key press belongs to a text field (its own undo, arrows and Delete). */
function typingInField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.closest !== 'function') return false
  return Boolean(element.closest('input, textarea, select, [contenteditable="true"]'))
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
    const inField = typingInField(event.target)
    for (const command of APP_COMMANDS) {
      if (!matchesAccelerator(command.accelerator, event, isMac)) continue
      const fieldOwnsKey = 'plainKey' in command || command.id === 'edit.undo' || command.id === 'edit.redo'
      if (inField && fieldOwnsKey) return
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
