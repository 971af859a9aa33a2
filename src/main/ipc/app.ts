import type { ChronotesApi } from '../../shared/ipc'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

export function registerAppIpc(ipc: IpcRegistrar, app: ChronotesApi['app'], isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('app', app), isTrusted)
}
