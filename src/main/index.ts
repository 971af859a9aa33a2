import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { Settings } from '../shared/ipc'
import { registerAppIpc } from './ipc/app'
import { filesApi, registerFilesIpc, type FileDialogs } from './ipc/files'
import { registerReportsIpc } from './ipc/reports'
import { registerDocumentsIpc } from './ipc/documents'
import { registerLibraryIpc } from './ipc/library'
import { registerSettingsIpc } from './ipc/settings'
import { LibraryService } from './services/library-service'
import { ReportService } from './services/report-service'
import { SettingsService } from './services/settings-service'
import { installAppMenu } from './windows/app-menu'
import { createMainWindow, isAppUrl, type RendererLocation } from './windows/main-window'
import { createElectronPrintEngine } from './windows/print-window'
import { hardenAllWebContents, hardenSession, openExternal } from './windows/security'

/** Lifecycle only: build the services, register IPC, open the window, save and stop on quit. */

const location: RendererLocation = {
  devServerUrl: !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined,
  rendererDir: join(import.meta.dirname, '../renderer'),
  preload: join(import.meta.dirname, '../preload/index.cjs')
}
const datasetsDir = app.isPackaged
  ? join(process.resourcesPath, 'datasets')
  : join(app.getAppPath(), 'resources', 'datasets')

const isTrusted = (event: Electron.IpcMainInvokeEvent) => isAppUrl(location, event.senderFrame?.url ?? '')

let mainWindow: BrowserWindow | null = null
let settings: SettingsService
let disposeLibrary: () => void = () => {}
let flushed: (() => void) | null = null

async function openLibrary(root: string): Promise<void> {
  const library = new LibraryService({
    root,
    datasetsDir,
    onExternalChange: (change) => mainWindow?.webContents.send('documents:changed-on-disk', change)
  })
  await library.start()
  disposeLibrary()
  const disposers = [
    () => void library.stop(),
    registerDocumentsIpc(ipcMain, library, isTrusted),
    registerLibraryIpc(ipcMain, { list: () => library.list(), chooseLocation }, isTrusted)
  ]
  disposeLibrary = () => disposers.forEach((dispose) => dispose())
}

async function chooseLocation(): Promise<Settings | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose the Chronotes library folder',
    properties: ['openDirectory', 'createDirectory']
  }
  const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
  const folder = choice.filePaths[0]
  if (choice.canceled || !folder) return null
  await openLibrary(folder)
  const updated = await settings.update({ libraryPath: folder })
  mainWindow?.webContents.send('library:changed')
  return updated
}

const fileDialogs: FileDialogs = {
  async chooseImport() {
    const options: Electron.OpenDialogOptions = { title: 'Import a file into Chronotes', properties: ['openFile'] }
    const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
    return choice.canceled ? null : (choice.filePaths[0] ?? null)
  },
  async chooseExport(suggestedName) {
    const options: Electron.SaveDialogOptions = {
      title: 'Export',
      defaultPath: join(app.getPath('documents'), suggestedName)
    }
    const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
    return choice.canceled ? null : (choice.filePath ?? null)
  },
  async openWithSystem(path) {
    const failure = await shell.openPath(path)
    if (failure) throw new Error(failure)
  }
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession)
  hardenAllWebContents((url) => isAppUrl(location, url))
  settings = new SettingsService(join(app.getPath('userData'), 'settings.json'), {
    authorName: userInfo().username,
    authorConfirmed: false,
    libraryPath: join(app.getPath('documents'), 'Chronotes')
  })
  registerSettingsIpc(ipcMain, settings, isTrusted)
  registerAppIpc(ipcMain, { flushed: async () => flushed?.(), openExternal }, isTrusted)
  registerFilesIpc(ipcMain, filesApi(fileDialogs), isTrusted)
  registerReportsIpc(
    ipcMain,
    new ReportService({
      engine: () => createElectronPrintEngine(location),
      chooseTarget: (name) => fileDialogs.chooseExport(name),
      onProgress: (progress) => mainWindow?.webContents.send('reports:progress', progress)
    }),
    isTrusted
  )
  await openLibrary((await settings.get()).libraryPath)
  installAppMenu(() => mainWindow)
  mainWindow = createMainWindow(location)
  mainWindow.on('closed', () => (mainWindow = null))
}

/** Asks the renderer to save what it has, and waits for it (a few seconds at most). */
function flushRenderer(): Promise<void> {
  const window = mainWindow
  if (!window || window.webContents.isDestroyed()) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000)
    flushed = () => {
      clearTimeout(timer)
      resolve()
    }
    window.webContents.send('app:flush-request')
  })
}

let quitting = false
app.on('before-quit', (event) => {
  if (quitting) return
  event.preventDefault()
  quitting = true
  void flushRenderer().finally(() => app.quit())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) mainWindow = createMainWindow(location)
})

if (!app.requestSingleInstanceLock()) app.quit()
else {
  app.on('second-instance', () => mainWindow?.focus())
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Chronotes could not start', String(error))
    app.exit(1)
  })
}
