import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { APP_COMMANDS, type AppCommand } from '../../shared/app-commands'

const MENUS: { id: AppCommand['menu']; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'edit', label: 'Edit' },
  { id: 'event', label: 'Event' },
  { id: 'view', label: 'View' }
]

/**
 * The application menu, built from the same command list as the renderer's shortcuts. The menu
 * only shows the shortcuts (registerAccelerator: false): the renderer handles the keys itself, so
 * that typing in a text field keeps Delete, arrows and Ctrl+Z for the field.
 */
export function installAppMenu(window: () => BrowserWindow | null): void {
  const send = (id: string) => window()?.webContents.send('menu:command', id)
  const entries = (menu: AppCommand['menu']): MenuItemConstructorOptions[] =>
    APP_COMMANDS.filter((command) => command.menu === menu).map((command: AppCommand) => ({
      label: command.label,
      accelerator: command.accelerator,
      registerAccelerator: false,
      click: () => send(command.id)
    }))
  const template: MenuItemConstructorOptions[] = MENUS.map(({ id, label }) => ({
    label,
    submenu: [
      ...entries(id),
      ...(id === 'edit'
        ? ([
            { type: 'separator' },
            { role: 'cut' },
            { role: 'copy' },
            { role: 'paste' },
            { role: 'selectAll' }
          ] as const)
        : []),
      ...(id === 'file' ? ([{ type: 'separator' }, { role: 'quit' }] as const) : []),
      ...(id === 'view' && !app.isPackaged ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] as const) : [])
    ]
  }))
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
