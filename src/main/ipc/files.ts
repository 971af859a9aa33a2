import { open } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { MAX_IMPORT_BYTES } from '../../shared/codecs/types'
import { ChronotesError } from '../../shared/errors'
import type { ChronotesApi, ImportedFile } from '../../shared/ipc'
import { writeFileVerified } from '../services/fs-utils'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

/** Where files come from and go: Electron's dialogs in the app, scripted answers in tests. */
export interface FileDialogs {
  /** The path of the file to import, or null if the user cancelled. */
  chooseImport(): Promise<string | null>
  /** Where to save an export named like `suggestedName`, or null if the user cancelled. */
  chooseExport(suggestedName: string): Promise<string | null>
  /** Opens a file with the system's default program. */
  openWithSystem(path: string): Promise<void>
}

/**
 * Files this app wrote in this session (exports and PDF reports). openPath opens only these, so
 * that a compromised renderer cannot make the system open (run) any file it names.
 */
const writtenPaths = new Set<string>()

/** Records a file the app has just written, so that the user may open it (the report service calls this too). */
export function rememberWritten(path: string): void {
  writtenPaths.add(resolve(path))
}

/** "12.5 MB": a size as a person reads it. */
function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

function tooLarge(name: string, size: number): ChronotesError {
  return new ChronotesError(
    'TOO_LARGE',
    `“${name}” is ${megabytes(size)}; Chronotes imports files of up to ${megabytes(MAX_IMPORT_BYTES)}.`
  )
}

/**
 * Reads the chosen file, refusing it before reading when it is over the limit. The read itself is
 * bounded too, so a file that grows after the size check cannot make main allocate without limit.
 */
async function readBounded(path: string): Promise<Buffer> {
  const name = basename(path)
  const handle = await open(path, 'r')
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new ChronotesError('INVALID_ARGUMENT', `“${name}” is not a file.`)
    if (stats.size > MAX_IMPORT_BYTES) throw tooLarge(name, stats.size)
    // One byte more than allowed: if it is read, the file grew past the limit.
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_IMPORT_BYTES) + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
      if (length === buffer.length) {
        if (length > MAX_IMPORT_BYTES) throw tooLarge(name, length)
        break
      }
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/** The files domain: reading a file to import, writing an export, opening what the app wrote. */
export function filesApi(dialogs: FileDialogs): ChronotesApi['files'] {
  return {
    async openForImport(): Promise<ImportedFile | null> {
      const path = await dialogs.chooseImport()
      if (!path) return null
      const bytes = await readBounded(path)
      return { fileName: basename(path), base64: bytes.toString('base64') }
    },

    async saveExport(suggestedName: string, content: string): Promise<string | null> {
      // Only a name is suggested: a folder in it must not steer the dialog anywhere.
      const path = await dialogs.chooseExport(basename(suggestedName.replace(/\\/g, '/')) || 'export')
      if (!path) return null
      await writeFileVerified(path, content)
      rememberWritten(path)
      return path
    },

    async openPath(path: string): Promise<void> {
      if (!writtenPaths.has(resolve(path)))
        throw new ChronotesError('INVALID_ARGUMENT', 'Chronotes opens only files it has written in this session.')
      await dialogs.openWithSystem(path)
    }
  }
}

export function registerFilesIpc(ipc: IpcRegistrar, api: ChronotesApi['files'], isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('files', api), isTrusted)
}
