/** The preload on a fake contextBridge and ipcRenderer: the contract's methods and events, nothing else. */
import { describe, expect, it, vi } from 'vitest'
import { CONTRACT, EVENT_NAMES } from '../../src/shared/ipc'

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        listeners.get(channel)?.delete(listener)
    }
  }
})
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

await import('../../src/preload/index')

type Bridge = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> & {
  on(event: string, listener: (payload: unknown) => void): () => void
}

describe('the preload', () => {
  const bridge = electron.exposed.get('chronotes') as Bridge

  it('exposes only window.chronotes, with exactly the contract’s domains and methods', () => {
    expect([...electron.exposed.keys()]).toEqual(['chronotes'])
    const { on, ...domains } = bridge
    expect(typeof on).toBe('function')
    expect(Object.keys(domains).sort()).toEqual(Object.keys(CONTRACT).sort())
    for (const [domain, methods] of Object.entries(CONTRACT))
      expect(Object.keys(domains[domain]!).sort(), domain).toEqual(Object.keys(methods).sort())
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipcRenderer|invoke|send/)
  })

  it('sends each method on its contract channel with its arguments', async () => {
    const reply = await bridge['documents']!['openText']!('notes.chronotes.json')
    expect(reply).toEqual({ ok: true, value: { channel: 'documents:open', args: ['notes.chronotes.json'] } })
  })

  it('listens to the contract’s events only, and the listener gets the payload without the IPC event', () => {
    expect(() => bridge.on('some:other-channel', () => {})).toThrow('unknown event some:other-channel')
    for (const event of EVENT_NAMES) {
      const listener = vi.fn()
      const dispose = bridge.on(event, listener)
      for (const registered of electron.listeners.get(event) ?? []) registered({ sender: 'ipc event' }, 'payload')
      expect(listener, event).toHaveBeenCalledWith('payload')
      dispose()
      expect(electron.listeners.get(event)?.size ?? 0, event).toBe(0)
    }
  })
})
