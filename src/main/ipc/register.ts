import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Handler } from './handlers'

export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/** Serves handlers on ipcMain, only to the app's own pages. Returns a disposer. */
export function registerHandlers(
  ipc: IpcRegistrar,
  handlers: Map<string, Handler>,
  isTrusted: SenderCheck
): () => void {
  for (const [channel, handler] of handlers) {
    ipc.handle(channel, (event, ...args: unknown[]) =>
      isTrusted(event)
        ? handler(args)
        : {
            ok: false,
            error: { code: 'INVALID_ARGUMENT', message: `${channel}: refused, not from the app's own page` }
          }
    )
  }
  return () => {
    for (const channel of handlers.keys()) ipc.removeHandler(channel)
  }
}
