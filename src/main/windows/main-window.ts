import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { secureWebPreferences } from './security'

export interface RendererLocation {
  /** The dev server's address under `electron-vite dev`; undefined in a built app. */
  devServerUrl: string | undefined
  /** The folder of the built renderer's html files. */
  rendererDir: string
  preload: string
}

export function createMainWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Chronotes',
    webPreferences: secureWebPreferences(location.preload)
  })
  window.once('ready-to-show', () => window.show())
  if (location.devServerUrl) void window.loadURL(location.devServerUrl)
  else void window.loadFile(join(location.rendererDir, 'index.html'))
  return window
}

/** True for the app's own pages, the only ones allowed to navigate or to call main. */
export function isAppUrl(location: RendererLocation, url: string): boolean {
  const root = location.devServerUrl ?? `${pathToFileURL(location.rendererDir).href}/`
  return url.startsWith(root)
}
