import { ChronotesError } from '@shared/errors'
import type { ChronotesApi, ChronotesEvents, Envelope, EventName, Transported } from '@shared/ipc'

/**
 * The only reader of `window.chronotes`. It turns the transported replies back into values,
 * and error payloads back into ChronotesErrors, whichever transport (preload or loopback bridge)
 * put the bridge there.
 */
function unwrapAll(transport: Transported<ChronotesApi>): ChronotesApi {
  const unwrap = async (reply: Promise<Envelope<unknown>>) => {
    const envelope = await reply
    if (!envelope.ok) throw ChronotesError.fromPayload(envelope.error)
    return envelope.value
  }
  return Object.fromEntries(
    Object.entries(transport).map(([domain, methods]) => [
      domain,
      Object.fromEntries(
        Object.entries(methods as Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>).map(
          ([name, call]) => [name, (...args: unknown[]) => unwrap(call(...args))]
        )
      )
    ])
  ) as unknown as ChronotesApi
}

const { on, ...transport } = window.chronotes

export const api: ChronotesApi = unwrapAll(transport)

export function onEvent<E extends EventName>(event: E, listener: (payload: ChronotesEvents[E]) => void): () => void {
  return on(event, listener)
}

export { ChronotesError }
