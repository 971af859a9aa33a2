/**
 * Where the user left each library, in the per-user settings file: keyed by the library's folder,
 * only the open library's session visible, old libraries forgotten first, bad sessions refused.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsPatchSchema, type Session, type Settings } from '../../src/shared/ipc'
import { SettingsService } from '../../src/main/services/settings-service'
import { useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

const DEFAULTS: Settings = { authorName: 'Researcher', authorConfirmed: false, libraryPath: '/libraries/team' }
const NAME = 'us-ukraine.chronotes.json'

async function settingsFile(): Promise<string> {
  return join(await tempDir(), 'settings.json')
}

describe('sessions in the settings', () => {
  // Regression (a dark-theme e2e failed under load): a theme change and a session write sent
  // together each started from the settings before the other, and the theme was lost.
  it('keeps every one of several changes made at once', async () => {
    const file = await settingsFile()
    const service = new SettingsService(file, DEFAULTS)
    const session: Session = {
      name: NAME,
      selectedIds: [],
      detailsOpen: false,
      mainView: 'timeline',
      query: '',
      filter: {}
    }
    await Promise.all([
      service.update({ theme: 'dark' }),
      service.update({ session }),
      service.update({ authorName: 'Ana' })
    ])
    const expected = { ...DEFAULTS, theme: 'dark', authorName: 'Ana', session }
    expect(await service.get()).toEqual(expected)
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual(expected)
  })

  it('keeps the session of the library that is open, and gives it back only for that library', async () => {
    const file = await settingsFile()
    const session: Session = {
      name: NAME,
      window: { start: Date.UTC(2022, 2, 1), end: Date.UTC(2022, 8, 1) },
      selectedIds: ['evt-1'],
      detailsOpen: true,
      mainView: 'list',
      query: 'Moskva',
      filter: { from: '2022', to: '2022', confidences: ['confirmed'] }
    }
    await new SettingsService(file, DEFAULTS).update({ session, theme: 'dark' })
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual({ ...DEFAULTS, theme: 'dark', session })
    const stored = JSON.parse(await readFile(file, 'utf8'))
    expect(stored.sessions).toEqual({ '/libraries/team': session })

    // Another library folder: no session of its own yet; the first one's is kept for later.
    const elsewhere = new SettingsService(file, DEFAULTS)
    await elsewhere.update({ libraryPath: '/libraries/mine' })
    expect((await elsewhere.get()).session).toBeUndefined()
    await elsewhere.update({ libraryPath: '/libraries/team' })
    expect((await elsewhere.get()).session).toEqual(session)
  })

  it('forgets the least recently used libraries beyond twenty', async () => {
    const file = await settingsFile()
    const service = new SettingsService(file, DEFAULTS)
    for (let n = 0; n < 25; n++) {
      await service.update({ libraryPath: `/libraries/${n}` })
      await service.update({ session: { name: NAME, selectedIds: [`evt-${n}`] } })
    }
    const stored = JSON.parse(await readFile(file, 'utf8'))
    expect(Object.keys(stored.sessions)).toEqual(Array.from({ length: 20 }, (_, n) => `/libraries/${n + 5}`))
  })

  it('refuses a session that does not fit the contract, with where and what', () => {
    const bad = SettingsPatchSchema.safeParse({ session: { name: '../outside.chronotes.json', mainView: 'map' } })
    expect(bad.success).toBe(false)
    const paths = bad.error!.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['session.name', 'session.mainView']))
    expect(SettingsPatchSchema.safeParse({ theme: 'sepia' }).success).toBe(false)
  })
})

describe('what killed settings writes left', () => {
  it('is removed when the settings are first read; a live writer’s temp file and other files stay', async () => {
    const dir = await tempDir()
    const file = join(dir, 'settings.json')
    const dead = 2 ** 22 + 7 // above Linux's largest process id, so no process has it
    const left = [`settings.json.${dead}-1.tmp`, `settings.json.${dead}-2.tmp`]
    const kept = [`settings.json.${process.pid}-99.tmp`, `other.json.${dead}-1.tmp`, 'notes.txt']
    for (const name of [...left, ...kept]) await writeFile(join(dir, name), '{"authorName": "torn')
    await writeFile(file, JSON.stringify({ authorName: 'Ana' }))

    expect(await new SettingsService(file, DEFAULTS).get()).toMatchObject({ authorName: 'Ana' })
    expect((await readdir(dir)).sort()).toEqual([...kept, 'settings.json'].sort())
  })
})
