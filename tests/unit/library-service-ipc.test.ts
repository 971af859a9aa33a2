import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { domainHandlers } from '../../src/main/ipc/handlers'
import { LibraryService } from '../../src/main/services/library-service'
import { SettingsService } from '../../src/main/services/settings-service'
import { ChronotesError } from '../../src/shared/errors'
import { documentText } from '../../src/shared/model/document'
import { CONTRACT, type ChronotesApi, type Envelope, type Settings } from '../../src/shared/ipc'
import { makeDocument } from './helpers/documents'
import { steppingClock, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

const DEFAULTS: Settings = {
  authorName: 'Anonymous researcher',
  authorConfirmed: false,
  libraryPath: '/home/me/Chronotes'
}

async function settingsFile() {
  const dir = await tempDir()
  return { dir, file: join(dir, 'settings.json') }
}

describe('SettingsService', () => {
  it('uses the defaults when there is no settings file, without writing one', async () => {
    const { file } = await settingsFile()
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual(DEFAULTS)
    expect(existsSync(file)).toBe(false)
  })

  it('keeps an update across a new instance', async () => {
    const { file } = await settingsFile()
    const updated = await new SettingsService(file, DEFAULTS).update({ authorName: 'Olena K.' })
    expect(updated).toEqual({ ...DEFAULTS, authorName: 'Olena K.' })
    const again = new SettingsService(file, DEFAULTS)
    expect(await again.get()).toEqual({ ...DEFAULTS, authorName: 'Olena K.' })
    await again.update({ libraryPath: '/data/timelines' })
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual({
      authorName: 'Olena K.',
      authorConfirmed: false,
      libraryPath: '/data/timelines'
    })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      authorName: 'Olena K.',
      authorConfirmed: false,
      libraryPath: '/data/timelines'
    })
  })

  it.each([
    ['not JSON', '{ "authorName": '],
    ['the wrong types', '{ "authorName": 42 }'],
    ['an empty name', '{ "authorName": "" }']
  ])('moves a damaged file (%s) aside and uses the defaults', async (_, damaged) => {
    const { dir, file } = await settingsFile()
    await writeFile(file, damaged)
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual(DEFAULTS)
    const aside = (await readdir(dir)).filter((f) => f.startsWith('settings.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(damaged)
    expect(existsSync(file)).toBe(false)
    // The next update writes a good file again.
    await new SettingsService(file, DEFAULTS).update({ authorName: 'Fresh start' })
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual({ ...DEFAULTS, authorName: 'Fresh start' })
  })

  it('fills in defaults for settings the file does not have', async () => {
    const { file } = await settingsFile()
    await writeFile(file, JSON.stringify({ libraryPath: '/elsewhere' }))
    expect(await new SettingsService(file, DEFAULTS).get()).toEqual({ ...DEFAULTS, libraryPath: '/elsewhere' })
  })
})

async function documentsDomain() {
  const root = await tempDir()
  const service = new LibraryService({ root, clock: steppingClock() })
  await service.start()
  return { root, service }
}

const call = (
  handlers: Map<string, (args: unknown[]) => Promise<Envelope<unknown>>>,
  channel: string,
  ...args: unknown[]
) => handlers.get(channel)!(args)

describe('domainHandlers', () => {
  it('serves every channel of the domain in the contract', async () => {
    const { service } = await documentsDomain()
    const handlers = domainHandlers('documents', service)
    expect([...handlers.keys()].sort()).toEqual(
      Object.values(CONTRACT.documents)
        .map((c) => c.channel)
        .sort()
    )
  })

  it.each([
    ['documents:open', ['../etc/passwd']],
    ['documents:open', ['../x.chronotes.json']],
    ['documents:open', []],
    ['documents:open', [42]],
    ['documents:trash', ['a/b.chronotes.json']],
    ['documents:create', ['   ']],
    ['documents:rename', ['a.chronotes.json', '']],
    ['documents:restore-backup', ['a.chronotes.json', '../../b.chronotes.json']],
    ['documents:open', ['a.chronotes.json', 'extra']]
  ])('answers %s %j with INVALID_ARGUMENT without calling the service', async (channel, args) => {
    const { root, service } = await documentsDomain()
    const spies = (['open', 'trash', 'create', 'rename', 'restoreBackup'] as const).map((m) => vi.spyOn(service, m))
    const reply = await domainHandlers('documents', service).get(channel)!(args)
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(channel) }
    })
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
    expect(await readdir(root)).toEqual(['.chronotes'])
  })

  it('refuses an invalid document to save, naming the event and field', async () => {
    const { service } = await documentsDomain()
    const save = vi.spyOn(service, 'save')
    const doc = makeDocument()
    doc.items[0]!.sources[0]!.url = 'javascript:alert(1)'
    const reply = await call(domainHandlers('documents', service), 'documents:save', 'x.chronotes.json', doc, {
      baseRevision: null
    })
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', problems: [{ field: expect.stringContaining('url') }] }
    })
    expect(save).not.toHaveBeenCalled()
  })

  it('returns a service ChronotesError as its code and message', async () => {
    const { root, service } = await documentsDomain()
    const handlers = domainHandlers('documents', service)
    const missing = await call(handlers, 'documents:open', 'missing.chronotes.json')
    expect(missing).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('missing.chronotes.json') }
    })
    await writeFile(join(root, 'broken.chronotes.json'), '{')
    const broken = await call(handlers, 'documents:open', 'broken.chronotes.json')
    expect(broken).toMatchObject({
      ok: false,
      error: { code: 'UNREADABLE', problems: [{ file: 'broken.chronotes.json' }] }
    })
  })

  it('returns {ok: true, value} on success, with the arguments the contract parsed', async () => {
    const { service } = await documentsDomain()
    const handlers = domainHandlers('documents', service)
    const created = await call(handlers, 'documents:create', '  Trimmed title  ')
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'trimmed-title.chronotes.json', document: { title: 'Trimmed title' } }
    })
    const opened = await call(handlers, 'documents:open', 'trimmed-title.chronotes.json')
    const { document, ...rest } = await service.open('trimmed-title.chronotes.json')
    // The window gets the file's text as bytes: the very bytes on disk, which parse to the document.
    expect(opened).toEqual({ ok: true, value: { ...rest, bytes: Buffer.from(documentText(document)) } })
    expect(await call(handlers, 'documents:trash', 'trimmed-title.chronotes.json')).toEqual({
      ok: true,
      value: undefined
    })
  })

  it('turns a disk error into IO and anything else into INTERNAL, never a raw throw', async () => {
    const fail = (error: unknown) => () => Promise.reject(error)
    const impl = {
      openText: fail(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
      trash: fail(new TypeError('boom')),
      backups: fail('a string')
    } as unknown as ChronotesApi['documents']
    const handlers = domainHandlers('documents', impl)
    expect(await call(handlers, 'documents:open', 'a.chronotes.json')).toEqual({
      ok: false,
      error: {
        code: 'IO',
        message:
          "The operation failed: Chronotes has no permission to write there. Nothing was changed: the previous version is intact. Check the folder's permissions (or choose another folder) and try again."
      }
    })
    expect(await call(handlers, 'documents:trash', 'a.chronotes.json')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' }
    })
    expect(await call(handlers, 'documents:backups', 'a.chronotes.json')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'a string' }
    })
  })

  it('lets the renderer change the author name but not the library folder', async () => {
    const { file } = await settingsFile()
    const settings = new SettingsService(file, DEFAULTS)
    const handlers = domainHandlers('settings', settings)
    expect(await call(handlers, 'settings:update', { authorName: ' Olena ' })).toEqual({
      ok: true,
      value: { ...DEFAULTS, authorName: 'Olena' }
    })
    const sneaky = await call(handlers, 'settings:update', { libraryPath: '/etc' })
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect((await settings.get()).libraryPath).toBe(DEFAULTS.libraryPath)
  })

  it('round-trips a ChronotesError through its payload', () => {
    const error = new ChronotesError('CONFLICT', 'changed', [{ field: 'x', message: 'y' }])
    const back = ChronotesError.fromPayload(JSON.parse(JSON.stringify(error.toPayload())))
    expect(back).toBeInstanceOf(ChronotesError)
    expect([back.code, back.message, back.problems]).toEqual(['CONFLICT', 'changed', [{ field: 'x', message: 'y' }]])
  })
})
