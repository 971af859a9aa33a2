/**
 * The loopback bridge's stand-in for the preload: the same `window.chronotes`, carried over HTTP
 * to the bridge server instead of over Electron IPC. Development and tests only; never shipped.
 */
// First, as in the preload: the page's CSP refuses zod's generated code.
import '../shared/zod-jitless'
import { buildTransport, type ChronotesBridge, type Envelope } from '../shared/ipc'
import { nextTask } from '../shared/next-task'
import { withBrowserFiles } from './browser-files'

const HEADERS = { 'Content-Type': 'application/json', 'X-Chronotes-Bridge': '1' }
/** A document's bytes are read a few megabytes a task (see readBytes). */
const BYTES_PER_TASK = 4_000_000

async function invoke(channel: string, args: unknown[]): Promise<Envelope<unknown>> {
  const response = await fetch(`/__chronotes/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(args)
  })
  // The bridge server puts a document's bytes after the envelope (see BYTES_AFTER_HEADER there).
  const bytesAfter = response.headers.get('X-Chronotes-Bytes-After')
  if (bytesAfter === null) return (await response.json()) as Envelope<unknown>
  const body = await readBytes(response)
  const envelope = JSON.parse(new TextDecoder().decode(body.subarray(0, Number(bytesAfter)))) as Envelope<{
    bytes: Uint8Array
  }>
  if (envelope.ok) envelope.value.bytes = body.subarray(Number(bytesAfter))
  return envelope
}

/**
 * A reply's body, read a few megabytes a task into one buffer of its announced length. Chromium's
 * `arrayBuffer()` took a 130 MB document in one task of over a second (and another of 0.4 s),
 * freezing the window while the timeline's outline was already on screen; Electron's IPC, which
 * this stands in for, hands the bytes over in one copy.
 */
async function readBytes(response: Response): Promise<Uint8Array> {
  const length = Number(response.headers.get('Content-Length') ?? NaN)
  const reader = response.body?.getReader()
  if (!reader || !Number.isSafeInteger(length)) return new Uint8Array(await response.arrayBuffer())
  const body = new Uint8Array(length)
  let read = 0
  let sinceTask = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (read + chunk.value.length > length)
      throw new Error(`The bridge sent more than the ${length} bytes it announced`)
    body.set(chunk.value, read)
    read += chunk.value.length
    sinceTask += chunk.value.length
    if (sinceTask >= BYTES_PER_TASK) {
      sinceTask = 0
      await nextTask()
    }
  }
  if (read !== length) throw new Error(`The bridge sent ${read} of the ${length} bytes it announced`)
  return body
}

// One stream for every event: a browser keeps at most six connections to a host, and a stream
// per listener would leave none for the calls themselves (a Cancel would wait for the export).
let events: EventSource | null = null

// Set by the bridge server in front of this script: true for npm run preview:web.
const browserFiles = Boolean((globalThis as { __chronotesBrowserFiles?: boolean }).__chronotesBrowserFiles)
const transport = buildTransport(invoke)

const bridge: ChronotesBridge = {
  ...(browserFiles ? withBrowserFiles(transport, HEADERS) : transport),
  on(event, listener) {
    events ??= new EventSource('/__chronotes/events')
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as never)
    events.addEventListener(event, handler)
    return () => events?.removeEventListener(event, handler)
  }
}

Object.defineProperty(window, 'chronotes', { value: Object.freeze(bridge), writable: false })
