import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ChronotesError } from '../../src/shared/errors'
import { commonChromiumLocations, findChromium } from '../../src/main/services/find-chromium'

/** A file system that has exactly these files. */
const only =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path)

function failure(run: () => unknown): ChronotesError {
  try {
    run()
  } catch (error) {
    if (error instanceof ChronotesError) return error
    throw error
  }
  throw new Error('expected findChromium to fail')
}

describe('findChromium', () => {
  it('takes --chromium first, then CHROMIUM_PATH, then the usual places', () => {
    const isFile = only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium')
    const env = { CHROMIUM_PATH: '/opt/b/chrome' }
    expect(findChromium({ explicit: '/opt/a/chrome', env, platform: 'linux', isFile })).toBe('/opt/a/chrome')
    expect(findChromium({ env, platform: 'linux', isFile })).toBe('/opt/b/chrome')
    expect(findChromium({ env: {}, platform: 'linux', isFile })).toBe('/usr/bin/chromium')
    expect(findChromium({ env: { CHROMIUM_PATH: '' }, platform: 'linux', isFile })).toBe('/usr/bin/chromium')
  })

  it('finds Chromium under its other Linux names, in order', () => {
    expect(findChromium({ env: {}, platform: 'linux', isFile: only('/usr/bin/chromium-browser') })).toBe(
      '/usr/bin/chromium-browser'
    )
    expect(
      findChromium({ env: {}, platform: 'linux', isFile: only('/usr/bin/google-chrome', '/snap/bin/chromium') })
    ).toBe('/usr/bin/google-chrome')
  })

  it('finds Google Chrome on macOS, in /Applications or the user’s own', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findChromium({ env: {}, platform: 'darwin', isFile: only(chrome) })).toBe(chrome)
    const own = '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium'
    expect(findChromium({ env: { HOME: '/Users/ana' }, platform: 'darwin', isFile: only(own) })).toBe(own)
  })

  it('finds Chrome or Edge in the Windows program folders', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
    expect(findChromium({ env, platform: 'win32', isFile: only(chrome, edge) })).toBe(chrome)
    expect(findChromium({ env, platform: 'win32', isFile: only(edge) })).toBe(edge)
    const local = 'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'
    expect(
      findChromium({
        env: { ...env, LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' },
        platform: 'win32',
        isFile: only(local)
      })
    ).toBe(local)
  })

  it('never falls back from a --chromium that is not there, and says so', () => {
    const error = failure(() =>
      findChromium({ explicit: '/nonexistent', env: {}, platform: 'linux', isFile: only('/usr/bin/chromium') })
    )
    expect(error.code).toBe('NO_PRINTER')
    expect(error.message).toContain('--chromium names /nonexistent, which is not a file')
    expect(error.message).toMatch(/--chromium PATH or the CHROMIUM_PATH/)
  })

  it('never falls back from a CHROMIUM_PATH that is not there', () => {
    const error = failure(() =>
      findChromium({ env: { CHROMIUM_PATH: '/opt/gone' }, platform: 'linux', isFile: only('/usr/bin/chromium') })
    )
    expect(error.code).toBe('NO_PRINTER')
    expect(error.message).toContain('CHROMIUM_PATH names /opt/gone')
  })

  it('lists every place it looked when there is no Chromium at all', () => {
    const error = failure(() => findChromium({ env: {}, platform: 'linux', isFile: only() }))
    expect(error.code).toBe('NO_PRINTER')
    for (const place of commonChromiumLocations('linux')) expect(error.message).toContain(place)
    expect(error.message).toMatch(/^No Chromium to print with\. Looked in: /)
  })

  it('checks the real disk by default: a folder is not a browser, a file is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chronotes-chromium-'))
    try {
      expect(() => findChromium({ explicit: dir, env: {} })).toThrow(/which is not a file/)
      const file = join(dir, 'chrome')
      await writeFile(file, '')
      expect(findChromium({ explicit: file, env: {} })).toBe(file)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
