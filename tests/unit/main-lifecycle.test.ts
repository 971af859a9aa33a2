/**
 * The real main process (src/main/index.ts) started on a fake Electron (no binary here), with
 * real services on real temporary folders: windows, IPC, navigation, menu, files handed over by
 * the system, and quitting only after the renderer's last save.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { APP_COMMANDS } from '../../src/shared/app-commands'
import { CONTRACT, type Envelope } from '../../src/shared/ipc'
import {
  createFakeElectron,
  electronModule,
  type FakeBrowserWindow,
  type FakeElectron,
  type MenuItem
} from './helpers/fake-electron'
import { makeDocument } from './helpers/documents'
import { useTempDirs } from './helpers/library'

let fake: FakeElectron
vi.mock('electron', () => electronModule(() => fake))

const tempDir = useTempDirs()
const APP_PAGE = 'app://chronotes/index.html'
const argv = process.argv
afterEach(() => {
  process.argv = argv
})

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  spellcheck: false
}

/** Starts src/main/index.ts afresh on a new fake Electron, as `electron . ...args` would. */
async function boot(options: { args?: string[]; singleInstance?: boolean } = {}) {
  const home = await tempDir()
  fake = createFakeElectron({
    paths: { documents: join(home, 'Documents'), userData: join(home, 'userData') },
    singleInstance: options.singleInstance ?? true
  })
  delete process.env['ELECTRON_RENDERER_URL']
  process.argv = ['/usr/lib/electron/electron', '.', ...(options.args ?? [])]
  vi.resetModules()
  await import('../../src/main/index')
  return { home, library: join(home, 'Documents', 'Chronotes') }
}

/** Boots, waits for the main window and lets its page finish loading. */
async function bootWithWindow(options: { args?: string[] } = {}) {
  const booted = await boot(options)
  await vi.waitFor(() => expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1))
  const window = fake.BrowserWindow.getAllWindows()[0]!
  return { ...booted, window, contents: window.webContents }
}

const invoke = (channel: string, ...args: unknown[]) =>
  fake.ipcMain.invoke(APP_PAGE, channel, ...args) as Promise<Envelope<unknown>>

function menuItems(items: MenuItem[] = fake.Menu.current?.template ?? []): MenuItem[] {
  return items.flatMap((item) => [item, ...menuItems(item.submenu ?? [])])
}

describe('the main process on a fake Electron', () => {
  it('opens one window on app://chronotes with the secure preferences, served by the app protocol', async () => {
    const { window } = await bootWithWindow()
    expect(fake.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app'])
    expect(window.webContents.url).toBe(APP_PAGE)
    expect(window.options.webPreferences).toMatchObject(SECURE)
    expect(window.options.webPreferences?.preload).toMatch(/preload[\\/]index\.cjs$/)
    // The registered handler serves the renderer folder (here the sources' index.html).
    const page = await fake.protocol.handlers.get('app')!(new Request(APP_PAGE))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
    const session = fake.session.defaultSession
    expect(session.spellCheckerEnabled).toBe(false)
    expect(new URL(session.dictionaryDownloadUrl).protocol).toBe('app:')
    const permission = vi.fn()
    session.permissionRequestHandler?.(window.webContents, 'media', permission)
    expect(permission).toHaveBeenCalledWith(false)
  })

  it('registers a handler for every channel of the contract and nothing else, for the app’s page only', async () => {
    await bootWithWindow()
    const channels = Object.values(CONTRACT).flatMap((domain) =>
      Object.values(domain as Record<string, { channel: string }>).map(({ channel }) => channel)
    )
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...channels].sort())
    const settings = await invoke('settings:get')
    expect(settings).toMatchObject({ ok: true, value: { authorConfirmed: false } })
    const foreign = (await fake.ipcMain.invoke('https://evil.example/', 'settings:get')) as Envelope<unknown>
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const fromFile = (await fake.ipcMain.invoke('file:///tmp/x.html', 'library:list')) as Envelope<unknown>
    expect(fromFile.ok).toBe(false)
  })

  it('refuses navigation away from the app, new windows and webviews; http(s) links go to the browser', async () => {
    const { contents } = await bootWithWindow()
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)'
    ]) {
      expect(contents.prevented('will-navigate', url), url).toBe(true)
      expect(contents.prevented('will-redirect', url), url).toBe(true)
    }
    expect(contents.prevented('will-navigate', 'app://chronotes/index.html')).toBe(false)
    expect(contents.prevented('will-attach-webview', {}, {})).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/source' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'app://chronotes/index.html' })).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(fake.shell.openExternal).toHaveBeenCalledTimes(1))
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.org/source')
  })

  it('sends every menu command to the renderer, with the command list’s shortcuts', async () => {
    const { contents } = await bootWithWindow()
    const commands = menuItems().filter((item) => item.click)
    expect(commands.map((item) => item.label)).toEqual(APP_COMMANDS.map((command) => command.label))
    expect(commands.map((item) => item.accelerator)).toEqual(APP_COMMANDS.map((command) => command.accelerator))
    for (const item of commands) item.click!()
    expect(contents.sentOn('menu:command')).toEqual(APP_COMMANDS.map((command) => command.id))
    expect(menuItems().some((item) => item.role === 'quit')).toBe(true)
  })

  it('prints a PDF in a hidden window with the same preferences, in a session that lets only app:// through', async () => {
    const { home } = await bootWithWindow()
    const target = join(home, 'report.pdf')
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const options = {
      title: 'Report',
      selection: { kind: 'all' },
      includeNotes: true,
      includeSources: true,
      pageSize: 'A4',
      landscape: false
    }
    const result = await invoke('reports:export-pdf', makeDocument(), options)
    expect(result).toMatchObject({ ok: true, value: { path: target } })
    const print = fake.BrowserWindow.created[1]!
    expect(print.options.show).toBe(false)
    expect(print.options.webPreferences).toMatchObject({ ...SECURE, partition: 'chronotes-print' })
    expect(print.webContents.url).toBe('app://chronotes/report.html')
    expect(print.isDestroyed()).toBe(true)
    expect(await readFile(target, 'latin1')).toContain('%PDF-1.7')
    const session = fake.session.partitions.get('chronotes-print')!
    expect(session.protocol.isProtocolHandled('app')).toBe(true)
    expect(session.spellCheckerEnabled).toBe(false)
    expect(session.allows('app://chronotes/assets/report.css')).toBe(true)
    expect(session.allows('data:image/png;base64,AAAA')).toBe(true)
    for (const url of ['https://tracker.example/pixel.png', 'file:///etc/passwd', 'app://other/x.js'])
      expect(session.allows(url), url).toBe(false)
  })
})

describe('files handed over by the system', () => {
  it('a second launch quits at once and leaves the file to the first one', async () => {
    await boot({ singleInstance: false, args: ['/somewhere/notes.csv'] })
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(fake.app.quit).toHaveBeenCalled()
    // Give start-up every chance to run: nothing is opened or registered.
    await new Promise((resolve) => setImmediate(resolve))
    expect(fake.BrowserWindow.created).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)
  })

  it('the first instance opens a library timeline by name and imports any other file, once its page has loaded', async () => {
    const { window, contents, library, home } = await bootWithWindow()
    const inLibrary = join(library, 'field-notes.chronotes.json')
    await writeFile(inLibrary, JSON.stringify(makeDocument({ title: 'Field notes' })))
    const outside = join(home, 'Downloads', 'colleague.csv')
    await mkdir(join(home, 'Downloads'))
    await writeFile(outside, 'title,start\nMeeting,2014-03-01\n')
    window.minimized = true

    fake.app.emit(
      'second-instance',
      {},
      ['/usr/lib/electron/electron', '.', '--some-switch', 'colleague.csv', inLibrary],
      join(home, 'Downloads')
    )
    expect(window.focused).toBe(true)
    expect(window.minimized).toBe(false)
    // Still loading: kept until the page can take it.
    expect(contents.sentOn('app:open-file')).toEqual([])
    contents.finishLoad()
    await vi.waitFor(() => expect(contents.sentOn('app:open-file')).toHaveLength(2))
    const requests = contents.sentOn('app:open-file')
    expect(requests).toContainEqual({ kind: 'library', name: 'field-notes.chronotes.json' })
    const imported = requests.find((request) => (request as { kind: string }).kind === 'import') as {
      file: { fileName: string; base64: string }
    }
    expect(imported.file.fileName).toBe('colleague.csv')
    expect(Buffer.from(imported.file.base64, 'base64').toString()).toBe('title,start\nMeeting,2014-03-01\n')
  })

  it('a file named at the first launch, and one sent by macOS, are opened too; a missing one is a plain message', async () => {
    const home = await tempDir()
    const first = join(home, 'first.csv')
    await writeFile(first, 'title,start\nA,2020\n')
    const { contents } = await bootWithWindow({ args: [first] })
    contents.finishLoad()
    await vi.waitFor(() => expect(contents.sentOn('app:open-file')).toHaveLength(1))

    const mac = join(home, 'mac.csv')
    await writeFile(mac, 'title,start\nB,2021\n')
    const event = { defaultPrevented: false, preventDefault: vi.fn() }
    fake.app.emit('open-file', event, mac)
    expect(event.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(contents.sentOn('app:open-file')).toHaveLength(2))

    fake.app.emit('second-instance', {}, ['electron', '.', join(home, 'gone.csv')], home)
    await vi.waitFor(() => expect(fake.dialog.showErrorBox).toHaveBeenCalled())
    expect(fake.dialog.showErrorBox.mock.calls[0]![1]).toBe('“gone.csv” does not exist (any more).')
    expect(contents.sentOn('app:open-file')).toHaveLength(2)
  })
})

describe('quitting and closing wait for the last save', () => {
  async function loaded() {
    const booted = await bootWithWindow()
    booted.contents.finishLoad()
    return booted
  }

  it('before-quit is held until the renderer says its save is done, then the app quits', async () => {
    const { contents } = await loaded()
    fake.app.quit()
    expect(fake.app.quitted).toBe(false)
    expect(contents.sentOn('app:flush-request')).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(fake.app.quitted).toBe(false)
    expect(await invoke('app:flushed')).toEqual({ ok: true, value: undefined })
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true))
    expect(contents.sentOn('app:flush-request')).toHaveLength(1)
  })

  it('closing the window first lets the renderer save; then the window closes and the app quits', async () => {
    const { window, contents } = await loaded()
    window.close()
    expect(window.isDestroyed()).toBe(false)
    window.close()
    expect(contents.sentOn('app:flush-request')).toHaveLength(1)
    await invoke('app:flushed')
    await vi.waitFor(() => expect(window.isDestroyed()).toBe(true))
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true))
  })

  it('a renderer that is gone does not hold the quit', async () => {
    const { contents } = await loaded()
    contents.crashed = true
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true))
    expect(contents.sentOn('app:flush-request')).toHaveLength(0)
  })
})

export type { FakeBrowserWindow }
