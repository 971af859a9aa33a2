import type { LibraryService } from '../services/library-service'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

export function registerDocumentsIpc(ipc: IpcRegistrar, library: LibraryService, isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('documents', library), isTrusted)
}
