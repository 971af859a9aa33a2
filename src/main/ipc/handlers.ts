import { ChronotesError } from '../../shared/errors'
import { contractEntries, type ChronotesApi, type Envelope } from '../../shared/ipc'
import { schemaProblems } from '../../shared/model/document'

export type Handler = (args: unknown[]) => Promise<Envelope<unknown>>

/**
 * One domain's handlers, keyed by channel: each validates its arguments against the contract,
 * calls the implementation, and returns an envelope; nothing thrown escapes as a raw error.
 * Electron's ipcMain and the loopback bridge both serve these same handlers.
 */
export function domainHandlers<D extends keyof ChronotesApi>(domain: D, impl: ChronotesApi[D]): Map<string, Handler> {
  const handlers = new Map<string, Handler>()
  for (const [method, { channel, args: schema }] of contractEntries(domain)) {
    const call = impl[method] as (...args: unknown[]) => Promise<unknown>
    handlers.set(channel, async (args) => {
      const parsed = schema.safeParse(args)
      if (!parsed.success) {
        const problems = schemaProblems(parsed.error, args)
        const detail = problems.map((p) => [p.field, p.message].filter(Boolean).join(' ')).join('; ')
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `${channel}: ${detail}`, problems } }
      }
      try {
        return { ok: true, value: await call.apply(impl, parsed.data) }
      } catch (error) {
        return { ok: false, error: ChronotesError.toPayload(error) }
      }
    })
  }
  return handlers
}
