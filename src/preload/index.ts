// First: zod must not generate code under the CSP (see zod-jitless.ts).
import '@shared/zod-jitless'
import { contextBridge, ipcRenderer } from 'electron'
import { buildTransport, EVENT_NAMES, type ChronotesBridge, type Envelope, type EventName } from '@shared/ipc'

/**
 * The renderer's only door to main: the contract's methods and events, nothing else.
 * ipcRenderer itself is never exposed.
 */
const bridge: ChronotesBridge = {
  ...buildTransport((channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Envelope<unknown>>),
  on(event, listener) {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`)
    const wrapped = (_: unknown, payload: unknown) => listener(payload as never)
    ipcRenderer.on(event satisfies EventName, wrapped)
    return () => ipcRenderer.removeListener(event, wrapped)
  }
}

contextBridge.exposeInMainWorld('chronotes', bridge)
