import type { ChronotesApi } from '../../shared/ipc'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

export function registerReportsIpc(
  ipc: IpcRegistrar,
  api: ChronotesApi['reports'],
  isTrusted: SenderCheck
): () => void {
  return registerHandlers(ipc, domainHandlers('reports', api), isTrusted)
}
