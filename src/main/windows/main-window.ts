import { BrowserWindow } from 'electron'
import { APP_ORIGIN } from './app-protocol'
import { secureWebPreferences } from './security'

export interface RendererLocation {
  /** The dev server's address under `electron-vite dev`; undefined in a built app. */
  devServerUrl: string | undefined
  /** The folder of the built renderer's html files, served as app://chronotes/. */
  rendererDir: string
  preload: string
}

/** Where the app's pages come from: the dev server's origin, or app://chronotes. */
export function appRoot(location: RendererLocation): string {
  return location.devServerUrl ? `${new URL(location.devServerUrl).origin}/` : `${APP_ORIGIN}/`
}

/** The address of one of the renderer's pages (index.html, report.html). */
export function pageUrl(location: RendererLocation, page: string): string {
  return new URL(page, location.devServerUrl ?? `${APP_ORIGIN}/`).href
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
  void window.loadURL(location.devServerUrl ?? pageUrl(location, 'index.html'))
  return window
}

/** True for the app's own pages, the only ones allowed to navigate or to call main. */
export function isAppUrl(location: RendererLocation, url: string): boolean {
  return url.startsWith(appRoot(location))
}
