/**
 * A careful fake of the parts of Electron's main-process API that Chronotes uses, for
 * `vi.mock('electron')` (there is no Electron binary here). It behaves like Electron where the
 * app depends on it: events are EventEmitter events with preventDefault, a BrowserWindow's web
 * contents are announced by app 'web-contents-created', ipcMain refuses a second handler for a
 * channel, each session has its own protocol table, app.quit() emits a preventable 'before-quit',
 * closing a window emits a preventable 'close' and the last one closed emits 'window-all-closed'.
 * Nothing in it touches the network: net.fetch fails.
 */
import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'
import { vi } from 'vitest'

export interface FakeEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    }
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }

export class FakeWebContents extends EventEmitter {
  readonly sent: [string, ...unknown[]][] = []
  windowOpenHandler: WindowOpenHandler | null = null
  loading = true
  destroyed = false
  crashed = false
  url = ''
  readonly executeJavaScript = vi.fn(async (_code: string): Promise<unknown> => true)
  readonly printToPDF = vi.fn(async (_options: object) => Buffer.from('%PDF-1.7\n%fake\n'))

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push([channel, ...args])
  }
  /** What was sent on one channel, in order. */
  sentOn(channel: string): unknown[] {
    return this.sent.filter(([sent]) => sent === channel).map(([, payload]) => payload)
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isLoading(): boolean {
    return this.loading
  }
  isCrashed(): boolean {
    return this.crashed
  }
  /** The page has loaded, as Electron says with 'did-finish-load'. */
  finishLoad(): void {
    this.loading = false
    this.emit('did-finish-load')
  }
  /** Emits a preventable event with these arguments; true if the app prevented it. */
  prevented(name: string, ...args: unknown[]): boolean {
    const event = fakeEvent()
    this.emit(name, event, ...args)
    return event.defaultPrevented
  }
}

class FakeProtocol {
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>()
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`)
    this.handlers.set(scheme, handler)
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme)
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme)
  }
}

type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void

export class FakeSession {
  readonly protocol = new FakeProtocol()
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | null =
    null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  spellCheckerEnabled = true
  dictionaryDownloadUrl = 'https://redirector.gvt1.com/edgedl/chrome/dict/'
  beforeRequest: BeforeRequest | null = null
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener
    }
  }
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellCheckerEnabled = enabled
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.dictionaryDownloadUrl = url
  }
  /** Whether this session's request filter lets a request for `url` through. */
  allows(url: string): boolean {
    if (!this.beforeRequest) return true
    let cancelled: boolean | undefined
    this.beforeRequest({ url }, (response) => (cancelled = response.cancel))
    return cancelled !== true
  }
}

export interface MenuItem {
  label?: string
  role?: string
  type?: string
  accelerator?: string
  click?: () => void
  submenu?: MenuItem[]
}

/** The app the windows announce themselves to: the one of the latest createFakeElectron(). */
let windowsApp: EventEmitter = new EventEmitter()

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((window) => !window.destroyed)
  }
  readonly webContents = new FakeWebContents()
  destroyed = false
  minimized = false
  focused = false
  shown = false

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super()
    FakeBrowserWindow.created.push(this)
    windowsApp.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url
  }
  async loadFile(path: string): Promise<void> {
    this.webContents.url = `file://${path}`
  }
  show(): void {
    this.shown = true
  }
  focus(): void {
    this.focused = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Like Electron: 'close' may be prevented; otherwise the window is destroyed. */
  close(): void {
    if (this.destroyed) return
    const event = fakeEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (FakeBrowserWindow.getAllWindows().length === 0) windowsApp.emit('window-all-closed')
  }
}

/** A fresh fake Electron: app, windows, ipcMain, protocol, session, Menu, dialog, shell, net. */
export function createFakeElectron(options: { paths: Record<string, string>; singleInstance?: boolean }) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitRequests: 0,
    /** True once a quit went through (before-quit was not prevented). */
    quitted: false,
    getPath: (name: string) => {
      const path = options.paths[name]
      if (!path) throw new Error(`fake app.getPath: no path for "${name}"`)
      return path
    },
    getAppPath: () => resolve(import.meta.dirname, '../../..'),
    requestSingleInstanceLock: vi.fn(() => options.singleInstance ?? true),
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    quit: vi.fn(() => {
      app.quitRequests++
      const event = fakeEvent()
      app.emit('before-quit', event)
      if (!event.defaultPrevented) app.quitted = true
    }),
    exit: vi.fn()
  })
  windowsApp = app
  FakeBrowserWindow.created = []
  const BrowserWindow = FakeBrowserWindow

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const ipcMain = {
    handlers,
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      handlers.set(channel, handler)
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
    /** What ipcRenderer.invoke(channel, ...args) would get from a frame at `senderUrl`. */
    invoke: async (senderUrl: string, channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel)
      if (!handler) throw new Error(`No handler registered for '${channel}'`)
      return handler({ senderFrame: { url: senderUrl } }, ...args)
    }
  }

  const defaultSession = new FakeSession()
  const partitions = new Map<string, FakeSession>()
  const session = {
    defaultSession,
    partitions,
    fromPartition: (name: string) => {
      if (!partitions.has(name)) partitions.set(name, new FakeSession())
      return partitions.get(name)!
    }
  }
  const protocol = Object.assign(defaultSession.protocol, {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
      // Electron keeps only the last call's list.
      protocol.privileged = schemes
    })
  })

  const Menu = {
    current: null as { template: MenuItem[] } | null,
    buildFromTemplate: (template: MenuItem[]) => ({ template }),
    setApplicationMenu: (menu: { template: MenuItem[] } | null) => {
      Menu.current = menu
    }
  }

  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    showErrorBox: vi.fn((_title: string, _content: string) => {}),
    showMessageBox: vi.fn(async () => ({ response: 0 }))
  }
  const shell = {
    openExternal: vi.fn(async (_url: string) => {}),
    openPath: vi.fn(async (_path: string) => '')
  }
  const net = {
    fetch: vi.fn(async (url: string) => {
      throw new Error(`fake net.fetch: the network is not used (${url})`)
    })
  }

  return { app, BrowserWindow, ipcMain, protocol, session, Menu, dialog, shell, net }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

/**
 * The module `vi.mock('electron', …)` returns: every export reads the current fake, so that each
 * test can start from a fresh one after vi.resetModules().
 */
export function electronModule(current: () => FakeElectron): Record<string, unknown> {
  const names = ['app', 'BrowserWindow', 'ipcMain', 'protocol', 'session', 'Menu', 'dialog', 'shell', 'net'] as const
  const module: Record<string, unknown> = {}
  for (const name of names) Object.defineProperty(module, name, { enumerable: true, get: () => current()[name] })
  Object.defineProperty(module, 'default', { enumerable: true, get: () => module })
  return module
}
