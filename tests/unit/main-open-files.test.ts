import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesFromArgv, openFailure, openFileRequest } from '../../src/main/open-files'
import { ChronotesError } from '../../src/shared/errors'
import { useTempDirs } from './helpers/library'

const tempDir = useTempDirs()

describe('filesFromArgv', () => {
  it('takes the files after the executable when packaged, whatever switches Chromium adds', () => {
    const argv = ['/opt/Chronotes/chronotes', '--allow-file-access-from-files', 'notes.csv', '/data/a.chronotes.json']
    expect(filesFromArgv(argv, { packaged: true, cwd: '/home/me' })).toEqual([
      '/home/me/notes.csv',
      '/data/a.chronotes.json'
    ])
    expect(filesFromArgv(['/opt/Chronotes/chronotes'], { packaged: true, cwd: '/' })).toEqual([])
  })

  it('leaves out the app’s own path when not packaged, also after switches (as Playwright launches it)', () => {
    expect(filesFromArgv(['electron', '.'], { packaged: false, cwd: '/repo' })).toEqual([])
    expect(
      filesFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', '/repo/out/main/index.js'], {
        packaged: false,
        cwd: '/repo'
      })
    ).toEqual([])
    expect(filesFromArgv(['electron', '.', 'x.csv'], { packaged: false, cwd: '/repo' })).toEqual(['/repo/x.csv'])
  })
})

describe('openFileRequest', () => {
  async function folders() {
    const home = await tempDir()
    const library = join(home, 'Chronotes')
    await mkdir(library)
    return { home, library }
  }

  it('opens a timeline of the library by its name, and imports a file from anywhere else', async () => {
    const { home, library } = await folders()
    await writeFile(join(library, 'a.chronotes.json'), '{}')
    expect(await openFileRequest(join(library, 'a.chronotes.json'), library)).toEqual({
      kind: 'library',
      name: 'a.chronotes.json'
    })
    await writeFile(join(home, 'b.chronotes.json'), '{"x":1}')
    expect(await openFileRequest(join(home, 'b.chronotes.json'), library)).toEqual({
      kind: 'import',
      file: { fileName: 'b.chronotes.json', base64: Buffer.from('{"x":1}').toString('base64') }
    })
  })

  it('imports, never opens in place, a link in the library that leads outside it, or a file in a subfolder', async () => {
    const { home, library } = await folders()
    await writeFile(join(home, 'outside.chronotes.json'), '{}')
    await symlink(join(home, 'outside.chronotes.json'), join(library, 'link.chronotes.json'))
    expect((await openFileRequest(join(library, 'link.chronotes.json'), library)).kind).toBe('import')
    await mkdir(join(library, 'Trash'))
    await writeFile(join(library, 'Trash', 'old.chronotes.json'), '{}')
    expect((await openFileRequest(join(library, 'Trash', 'old.chronotes.json'), library)).kind).toBe('import')
  })

  it('says plainly why a file could not be opened', async () => {
    const { home, library } = await folders()
    const missing = await openFileRequest(join(home, 'gone.csv'), library).catch((error: unknown) => error)
    expect(openFailure(join(home, 'gone.csv'), missing)).toBe('“gone.csv” does not exist (any more).')
    const folder = await openFileRequest(home, library).catch((error: unknown) => error)
    expect(openFailure(home, folder)).toMatch(/is not a file|is a folder/)
    expect(openFailure('/x/big.csv', new ChronotesError('TOO_LARGE', '“big.csv” is 120 MB; …'))).toBe(
      '“big.csv” is 120 MB; …'
    )
  })
})
