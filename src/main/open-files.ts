import { realpath } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { ChronotesError } from '../shared/errors'
import { DocumentNameSchema, type OpenFileRequest } from '../shared/ipc'
import { readBounded } from './ipc/files'

/**
 * The files named on a command line (a double-click or "Open with" starts the app with the
 * file's path). Switches (Chromium's, Electron's, --inspect=…) are left out, and so is, when not
 * packaged, the app's own path (`electron . file`, `electron out/main/index.js file`).
 */
export function filesFromArgv(argv: readonly string[], options: { packaged: boolean; cwd: string }): string[] {
  const positional = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'))
  return (options.packaged ? positional : positional.slice(1)).map((arg) => resolve(options.cwd, arg))
}

/**
 * What the renderer should do with a file the system handed over: a timeline that lives in the
 * library is opened by name; anything else is read (within the import limit) and imported.
 */
export async function openFileRequest(path: string, libraryRoot: string): Promise<OpenFileRequest> {
  const real = await realpath(path)
  const library = await realpath(libraryRoot).catch(() => resolve(libraryRoot))
  const name = basename(real)
  if (dirname(real) === library && DocumentNameSchema.safeParse(name).success) return { kind: 'library', name }
  const bytes = await readBounded(real)
  return { kind: 'import', file: { fileName: basename(path), base64: bytes.toString('base64') } }
}

/** A sentence for a file that could not be opened; nothing of the user's was changed. */
export function openFailure(path: string, error: unknown): string {
  const name = `“${basename(path)}”`
  if (error instanceof ChronotesError) return error.message
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOENT') return `${name} does not exist (any more).`
  if (code === 'EACCES' || code === 'EPERM') return `${name} cannot be read: no permission.`
  if (code === 'EISDIR') return `${name} is a folder, not a file.`
  return `${name} could not be read: ${(error as Error)?.message ?? String(error)}`
}
