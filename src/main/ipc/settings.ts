import type { SettingsService } from '../services/settings-service'
import { domainHandlers } from './handlers'
import { registerHandlers, type IpcRegistrar, type SenderCheck } from './register'

export function registerSettingsIpc(ipc: IpcRegistrar, settings: SettingsService, isTrusted: SenderCheck): () => void {
  return registerHandlers(ipc, domainHandlers('settings', settings), isTrusted)
}
