import { app, shell, type Session, type WebContents } from 'electron'

/** The one set of webPreferences every window of the app gets. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    webviewTag: false,
    // Chromium's spellchecker downloads its dictionaries on Windows and Linux; this app is offline.
    spellcheck: false
  }
}

/** Only http(s) addresses ever reach the system browser. */
export function isExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

export async function openExternal(url: string): Promise<void> {
  if (isExternalUrl(url)) await shell.openExternal(url)
}

/**
 * Where the spellchecker would fetch dictionaries if it were ever turned on: an app:// address
 * that serves nothing (the protocol only serves the renderer's files), never the network.
 */
export const NO_DICTIONARIES_URL = 'app://chronotes/no-spellcheck-dictionaries/'

/** No permissions (camera, notifications, …) are ever granted; no dictionary is ever downloaded. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setSpellCheckerEnabled(false)
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARIES_URL)
}

/**
 * Every web contents, present and future: no navigation away from the app, no new windows,
 * no <webview>; links that try to open a window go to the system browser if they are http(s).
 */
export function hardenAllWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void openExternal(url)
      return { action: 'deny' }
    })
  })
}
