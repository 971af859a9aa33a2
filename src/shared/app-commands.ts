/**
 * Every action of the app that has a menu entry, a shortcut or a button. Main builds the menu
 * from this list and the renderer binds the same shortcuts, so they can never disagree.
 * Accelerators are in Electron's notation; "CmdOrCtrl" is Cmd on macOS and Ctrl elsewhere.
 */
export interface AppCommand {
  id: string
  label: string
  menu: 'file' | 'edit' | 'event' | 'view'
  accelerator?: string
  /** Shortcuts that are plain keys act only when no text field has the focus. */
  plainKey?: boolean
}

export const APP_COMMANDS = [
  { id: 'timeline.new', label: 'New Timeline…', menu: 'file', accelerator: 'CmdOrCtrl+N' },
  { id: 'timeline.import', label: 'Import…', menu: 'file', accelerator: 'CmdOrCtrl+I' },
  { id: 'timeline.export', label: 'Export…', menu: 'file', accelerator: 'CmdOrCtrl+Shift+X' },
  { id: 'timeline.exportPdf', label: 'Export PDF…', menu: 'file', accelerator: 'CmdOrCtrl+P' },
  { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z' },
  { id: 'edit.redo', label: 'Redo', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+Z' },
  { id: 'edit.find', label: 'Find…', menu: 'edit', accelerator: 'CmdOrCtrl+F' },
  { id: 'edit.clearFilter', label: 'Clear Search and Filter', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+L' },
  { id: 'edit.lanes', label: 'Lanes…', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+K' },
  { id: 'event.add', label: 'New Event', menu: 'event', accelerator: 'CmdOrCtrl+E' },
  { id: 'event.addRange', label: 'New Range', menu: 'event', accelerator: 'CmdOrCtrl+Shift+E' },
  { id: 'event.open', label: 'Open Selected Event', menu: 'event', accelerator: 'Enter', plainKey: true },
  { id: 'event.addNote', label: 'Add Note to Selected Event', menu: 'event', accelerator: 'CmdOrCtrl+Shift+M' },
  { id: 'event.delete', label: 'Delete Selected Events', menu: 'event', accelerator: 'Delete', plainKey: true },
  { id: 'event.previous', label: 'Select Previous Event', menu: 'event', accelerator: 'Left', plainKey: true },
  { id: 'event.next', label: 'Select Next Event', menu: 'event', accelerator: 'Right', plainKey: true },
  { id: 'view.close', label: 'Close Details', menu: 'view', accelerator: 'Escape', plainKey: true },
  { id: 'view.timeline', label: 'Timeline', menu: 'view', accelerator: 'CmdOrCtrl+1' },
  { id: 'view.list', label: 'List of Events', menu: 'view', accelerator: 'CmdOrCtrl+2' },
  { id: 'view.notes', label: 'All Notes', menu: 'view', accelerator: 'CmdOrCtrl+3' },
  { id: 'view.zoomIn', label: 'Zoom In', menu: 'view', accelerator: '=', plainKey: true },
  { id: 'view.zoomOut', label: 'Zoom Out', menu: 'view', accelerator: '-', plainKey: true },
  { id: 'view.fitAll', label: 'Fit All', menu: 'view', accelerator: '0', plainKey: true }
] as const satisfies readonly AppCommand[]

export type AppCommandId = (typeof APP_COMMANDS)[number]['id']

export function isAppCommandId(id: string): id is AppCommandId {
  return APP_COMMANDS.some((command) => command.id === id)
}

/** Whether a key press is this accelerator. `mac` decides what CmdOrCtrl means. */
export function matchesAccelerator(
  accelerator: string,
  event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  mac: boolean
): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop()!
  const wants = new Set(parts)
  const command = wants.has('CmdOrCtrl')
  if ((mac ? event.metaKey : event.ctrlKey) !== command) return false
  if ((mac ? event.ctrlKey : event.metaKey) || event.altKey !== wants.has('Alt')) return false
  const names: Record<string, string> = { Left: 'ArrowLeft', Right: 'ArrowRight', Up: 'ArrowUp', Down: 'ArrowDown' }
  const expected = names[key] ?? key
  // Shift is part of the character for "+" and "=", so it is only checked for letters and named keys.
  if (expected.length > 1 || /[a-z]/i.test(expected)) {
    if (event.shiftKey !== wants.has('Shift')) return false
    return event.key.toLowerCase() === expected.toLowerCase()
  }
  return event.key === expected || (expected === '=' && event.key === '+')
}

/** "Ctrl+Shift+Z" or "⌘⇧Z": an accelerator as the user's platform writes it, for tooltips. */
export function describeAccelerator(accelerator: string, mac: boolean): string {
  const words: Record<string, string> = mac
    ? { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Left: '←', Right: '→', Escape: 'Esc', Delete: '⌫', Enter: '↩' }
    : { CmdOrCtrl: 'Ctrl', Left: '←', Right: '→', Escape: 'Esc', Delete: 'Del' }
  const parts = accelerator.split('+').map((part) => words[part] ?? part)
  return mac ? parts.join('') : parts.join('+')
}
