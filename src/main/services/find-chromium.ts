import { statSync } from 'node:fs'
import { posix, win32 } from 'node:path'
import { ChronotesError } from '../../shared/errors'

export interface FindChromiumOptions {
  /** `--chromium PATH` from the command line: used as it is, never second-guessed. */
  explicit?: string | undefined
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  /** Whether a file is there; injectable so that every platform's list can be tested anywhere. */
  isFile?: (path: string) => boolean
}

/** Where Chromium, Google Chrome and Microsoft Edge (all Chromium) are installed by default. */
export function commonChromiumLocations(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined> = {}
): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)']
    if (env['LOCALAPPDATA']) roots.push(env['LOCALAPPDATA'])
    const programs = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe']
    ]
    return programs.flatMap((parts) => roots.map((root) => win32.join(root, ...parts)))
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    ]
    const folders = ['/Applications', ...(env['HOME'] ? [posix.join(env['HOME'], 'Applications')] : [])]
    return apps.flatMap((app) => folders.map((folder) => posix.join(folder, app)))
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge'
  ]
}

function isFileOnDisk(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

const HOW_TO =
  'Install Chromium or Google Chrome, or name a Chromium-based browser with --chromium PATH or the CHROMIUM_PATH environment variable.'

/**
 * The Chromium that prints PDFs outside the desktop app: the one named with --chromium, else
 * CHROMIUM_PATH, else the first found in the usual places. A named one that is not there is an
 * error, not a reason to print with another. Throws NO_PRINTER saying what was tried.
 */
export function findChromium(options: FindChromiumOptions = {}): string {
  const env = options.env ?? process.env
  const isFile = options.isFile ?? isFileOnDisk
  const named: [string, string | undefined][] = [
    ['--chromium', options.explicit],
    ['CHROMIUM_PATH', env['CHROMIUM_PATH']]
  ]
  for (const [source, path] of named) {
    if (path === undefined || path === '') continue
    if (isFile(path)) return path
    throw new ChronotesError(
      'NO_PRINTER',
      `No Chromium to print with: ${source} names ${path}, which is not a file. ${HOW_TO}`
    )
  }
  const candidates = commonChromiumLocations(options.platform ?? process.platform, env)
  const found = candidates.find(isFile)
  if (found) return found
  throw new ChronotesError('NO_PRINTER', `No Chromium to print with. Looked in: ${candidates.join(', ')}. ${HOW_TO}`)
}
