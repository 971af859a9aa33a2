/**
 * Main's files domain on real temporary folders: importing reads the chosen file (bounded),
 * exporting writes it where the user chose, and only files the app wrote may be opened.
 */
import { mkdir, readFile, readdir, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesApi, rememberWritten, type FileDialogs } from '../../src/main/ipc/files'
import { domainHandlers } from '../../src/main/ipc/handlers'
import { MAX_IMPORT_BYTES } from '../../src/shared/codecs/types'
import { CONTRACT } from '../../src/shared/ipc'
import { rejection, useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

function scripted(answers: { importPath?: string | null; exportPath?: string | null } = {}) {
  const opened: string[] = []
  const suggested: string[] = []
  const dialogs: FileDialogs = {
    chooseImport: async () => answers.importPath ?? null,
    chooseExport: async (name) => {
      suggested.push(name)
      return answers.exportPath ?? null
    },
    openWithSystem: async (path) => void opened.push(path)
  }
  return { api: filesApi(dialogs), opened, suggested }
}

describe('files.openForImport', () => {
  it('returns the chosen file’s name and bytes, base64-encoded', async () => {
    const dir = await tempDir()
    const bytes = Buffer.from([0xff, 0xfe, 0x44, 0x00, 0x61, 0x00, 0x0d, 0x00, 0x0a, 0x00]) // UTF-16 with a BOM
    await writeFile(join(dir, 'colleague.csv'), bytes)
    const file = await scripted({ importPath: join(dir, 'colleague.csv') }).api.openForImport()
    expect(file).toEqual({ fileName: 'colleague.csv', base64: bytes.toString('base64') })
    expect(Buffer.from(file!.base64, 'base64')).toEqual(bytes)
  })

  it('is null when the user cancels', async () => {
    expect(await scripted({ importPath: null }).api.openForImport()).toBeNull()
  })

  it('refuses a file over the limit with a clear message, without reading it', async () => {
    const dir = await tempDir()
    const path = join(dir, 'huge.csv')
    await writeFile(path, '')
    await truncate(path, MAX_IMPORT_BYTES + 1) // sparse: large on paper, nothing written
    const error = await rejection(scripted({ importPath: path }).api.openForImport(), 'TOO_LARGE')
    expect(error.message).toBe('“huge.csv” is 160 MB; Chronotes imports files of up to 160 MB.')
  })

  it('reads a file of exactly the limit', async () => {
    const dir = await tempDir()
    const path = join(dir, 'limit.csv')
    await writeFile(path, '')
    await truncate(path, MAX_IMPORT_BYTES)
    const file = await scripted({ importPath: path }).api.openForImport()
    expect(Buffer.from(file!.base64, 'base64').length).toBe(MAX_IMPORT_BYTES)
  })

  it('refuses a folder', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'folder.csv'))
    await rejection(scripted({ importPath: join(dir, 'folder.csv') }).api.openForImport(), 'INVALID_ARGUMENT')
  })
})

describe('files.saveExport and openPath', () => {
  it('writes the text where the user chose, and then may open it', async () => {
    const dir = await tempDir()
    const target = join(dir, 'out.json')
    const { api, opened, suggested } = scripted({ exportPath: target })
    expect(await api.saveExport('Crimea 2014.timeline.json', '{"events":[]}')).toBe(target)
    expect(suggested).toEqual(['Crimea 2014.timeline.json'])
    expect(await readFile(target, 'utf8')).toBe('{"events":[]}')
    // Atomic: no temporary file is left beside it.
    expect(await readdir(dir)).toEqual(['out.json'])
    await api.openPath(target)
    expect(opened).toEqual([target])
  })

  it('replaces an existing file whole', async () => {
    const dir = await tempDir()
    const target = join(dir, 'out.csv')
    await writeFile(target, 'old contents that are longer than the new ones')
    await scripted({ exportPath: target }).api.saveExport('out.csv', 'new')
    expect(await readFile(target, 'utf8')).toBe('new')
  })

  it('suggests a bare name: folders in the suggestion are dropped', async () => {
    const { api, suggested } = scripted({ exportPath: null })
    expect(await api.saveExport('../../etc/passwd.csv', 'x')).toBeNull()
    expect(await api.saveExport('..\\..\\evil.csv', 'x')).toBeNull()
    expect(suggested).toEqual(['passwd.csv', 'evil.csv'])
  })

  it('refuses to open a file the app did not write in this session', async () => {
    const dir = await tempDir()
    const other = join(dir, 'not-ours.sh')
    await writeFile(other, '#!/bin/sh\n')
    const { api, opened } = scripted()
    await rejection(api.openPath(other), 'INVALID_ARGUMENT')
    await rejection(api.openPath('/bin/sh'), 'INVALID_ARGUMENT')
    expect(opened).toEqual([])
  })

  it('opens a file the report service remembered, by any spelling of its path', async () => {
    const dir = await tempDir()
    const report = join(dir, 'report.pdf')
    rememberWritten(report)
    const { api, opened } = scripted()
    await api.openPath(join(dir, 'sub', '..', 'report.pdf'))
    expect(opened).toHaveLength(1)
  })

  it('checks its arguments at the boundary', async () => {
    const handlers = domainHandlers('files', scripted().api)
    const reply = await handlers.get(CONTRACT.files.openPath.channel)!([''])
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
