import { open } from 'node:fs/promises'
import { basename, extname, resolve } from 'node:path'
import { WRITERS } from '../../shared/codecs'
import { MAX_IMPORT_BYTES } from '../../shared/codecs/types'
import { ChronotesError, plainIoError } from '../../shared/errors'
import type { ChronotesApi, ImportedFile } from '../../shared/ipc'
import { truncateUtf8, writeFileVerified } from '../services/fs-utils'
import { MAX_NAME_BYTES } from '../services/library-paths'
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

/** What an export may be: the extensions of the formats Chronotes writes (".csv", ".json", ".jsonl", ".md"). */
export const EXPORT_EXTENSIONS: ReadonlySet<string> = new Set(WRITERS.map((writer) => extname(`x${writer.extension}`)))

/** What "Open" may open: what Chronotes writes, never a program (".bat", ".desktop", ".hta", …). */
const OPENABLE_EXTENSIONS: ReadonlySet<string> = new Set([...EXPORT_EXTENSIONS, '.pdf'])

/**
 * The path with the extension its format needs: one typed in the save dialog that differs
 * ("report.bat" for a CSV) gets the right one added ("report.bat.csv"), so that what is written
 * opens as what it is, and never runs as a program.
 */
export function withExtension(path: string, extension: string): string {
  return extname(path).toLowerCase() === extension ? path : `${path}${extension}`
}

/** A suggested file name whose name, extension kept, fits MAX_NAME_BYTES of UTF-8. */
export function cappedFileName(name: string): string {
  const extension = extname(name)
  return (
    truncateUtf8(name.slice(0, name.length - extension.length), MAX_NAME_BYTES - Buffer.byteLength(extension)) +
    extension
  )
}

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
export async function readBounded(path: string): Promise<Buffer> {
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
      const name = cappedFileName(basename(suggestedName.replace(/\\/g, '/')) || 'export')
      const extension = extname(name).toLowerCase()
      if (!EXPORT_EXTENSIONS.has(extension))
        throw new ChronotesError(
          'INVALID_ARGUMENT',
          `Chronotes exports only ${[...EXPORT_EXTENSIONS].join(', ')} files, not “${extension || name}”.`
        )
      const chosen = await dialogs.chooseExport(name)
      if (!chosen) return null
      const path = withExtension(chosen, extension)
      await writeFileVerified(path, content).catch((error: unknown) => {
        throw plainIoError(error, `Writing the export to ${path}`, 'No file was replaced.')
      })
      rememberWritten(path)
      return path
    },

    async openPath(path: string): Promise<void> {
      if (!writtenPaths.has(resolve(path)) || !OPENABLE_EXTENSIONS.has(extname(path).toLowerCase()))
        throw new ChronotesError('INVALID_ARGUMENT', 'Chronotes opens only files it has written in this session.')
      await dialogs.openWithSystem(path)
    }
  }
}

export function registerFilesIpc(ipc: IpcRegistrar, api: ChronotesApi['files'], isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('files', api), isTrusted)
}
