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
import { filesFromArgv, openFailure, openFileRequest } from './open-files'
import { RendererFlush } from './renderer-flush'
import { installAppMenu } from './windows/app-menu'
import { registerAppScheme, serveAppProtocol } from './windows/app-protocol'
import { createMainWindow, isAppUrl, type RendererLocation } from './windows/main-window'
import { createElectronPrintEngine } from './windows/print-window'
import { hardenAllWebContents, hardenSession, openExternal } from './windows/security'

/** Lifecycle only: build the services, register IPC, open the window, save and stop on quit. */

registerAppScheme()

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
let libraryRoot = ''
let disposeLibrary: () => void = () => {}
const flush = new RendererFlush()

async function openLibrary(root: string): Promise<void> {
  const library = new LibraryService({
    root,
    datasetsDir,
    onExternalChange: (change) => mainWindow?.webContents.send('documents:changed-on-disk', change),
    cacheDir: join(app.getPath('userData'), 'caches'),
    // A released build's validator never changes; a development build's may, so it trusts nothing it did not check itself.
    ...(app.isPackaged ? { validatorId: `chronotes-${app.getVersion()}` } : {})
  })
  await library.start()
  libraryRoot = root
  disposeLibrary()
  const disposers = [
    () => void library.stop(),
    registerDocumentsIpc(ipcMain, library, isTrusted),
    registerLibraryIpc(
      ipcMain,
      { list: () => library.list(), counted: () => library.counted(), chooseLocation },
      isTrusted
    )
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
  if (!location.devServerUrl) serveAppProtocol(session.defaultSession.protocol, location.rendererDir)
  hardenAllWebContents((url) => isAppUrl(location, url))
  settings = new SettingsService(join(app.getPath('userData'), 'settings.json'), {
    authorName: userInfo().username,
    authorConfirmed: false,
    libraryPath: join(app.getPath('documents'), 'Chronotes')
  })
  registerSettingsIpc(ipcMain, settings, isTrusted)
  registerAppIpc(ipcMain, { flushed: async () => flush.done(), openExternal }, isTrusted)
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
  openMainWindow()
  handOver(filesFromArgv(process.argv, { packaged: app.isPackaged, cwd: process.cwd() }))
}

let quitting = false

/** The main window; closing it first lets the renderer save what it has. */
function openMainWindow(): BrowserWindow {
  const window = createMainWindow(location)
  mainWindow = window
  let saved = false
  let closing = false
  window.on('close', (event) => {
    if (saved || quitting) return
    event.preventDefault()
    if (closing) return
    closing = true
    void flush.request(window.webContents).finally(() => {
      saved = true
      if (!window.isDestroyed()) window.close()
    })
  })
  window.webContents.on('did-finish-load', () => handOver([]))
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  return window
}

/** Files the system asked us to open, kept until the window's page can take them. */
const pendingFiles: string[] = []

function handOver(paths: string[]): void {
  pendingFiles.push(...paths)
  const window = mainWindow
  if (!window || !libraryRoot || window.webContents.isLoading()) return
  for (const path of pendingFiles.splice(0)) {
    openFileRequest(path, libraryRoot).then(
      (request) => window.webContents.send('app:open-file', request),
      (error: unknown) => dialog.showErrorBox('Chronotes could not open a file', openFailure(path, error))
    )
  }
}

/** Quitting waits for the renderer's last save, then quits for real. */
app.on('before-quit', (event) => {
  if (quitting) return
  event.preventDefault()
  quitting = true
  void flush.request(mainWindow?.webContents).finally(() => app.quit())
})

// macOS hands files to the running app (a double-click, a drop on the Dock icon) this way.
app.on('open-file', (event, path) => {
  event.preventDefault()
  handOver([path])
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && app.isReady() && libraryRoot) openMainWindow()
})

// One app at a time: a second launch (a double-click on a file, say) hands its files to this one.
if (!app.requestSingleInstanceLock()) app.quit()
else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const window = mainWindow ?? (libraryRoot ? openMainWindow() : null)
    if (window?.isMinimized()) window.restore()
    window?.focus()
    handOver(filesFromArgv(argv, { packaged: app.isPackaged, cwd: workingDirectory }))
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Chronotes could not start', String(error))
      app.exit(1)
    })
}
