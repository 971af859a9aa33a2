import type { ChronotesApi } from '../../shared/ipc'
import { ChronotesError } from '../../shared/errors'
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

/** The files domain: reading a file to import, writing an export, opening what the app wrote. */
export function filesApi(_dialogs: FileDialogs): ChronotesApi['files'] {
  const notYet = async (): Promise<never> => {
    throw new ChronotesError('UNSUPPORTED', 'Importing and exporting files is not built yet.')
  }
  return { openForImport: notYet, saveExport: notYet, openPath: notYet }
}

export function registerFilesIpc(ipc: IpcRegistrar, api: ChronotesApi['files'], isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('files', api), isTrusted)
}
