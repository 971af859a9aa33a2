import type { ChronotesApi } from '../../shared/ipc'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

export function registerLibraryIpc(
  ipc: IpcRegistrar,
  library: ChronotesApi['library'],
  isTrusted: SenderCheck
): () => void {
  return registerHandlers(ipc, domainHandlers('library', library), isTrusted)
}
