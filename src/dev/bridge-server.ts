/**
 * The loopback bridge: serves the built renderer on 127.0.0.1 and answers its contract calls with
 * the real services on a real library folder. It is how the end-to-end tests and `npm run
 * preview:web` run the app without Electron. Development and tests only; never shipped.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, normalize, sep } from 'node:path'
import { ChronotesError } from '../shared/errors'
import { CONTRACT, type ChronotesEvents, type EventName, type Settings } from '../shared/ipc'
import { filesApi, type FileDialogs } from '../main/ipc/files'
import { domainHandlers, type Handler } from '../main/ipc/handlers'
import { settlesWithin } from '../main/services/abortable'
import { createChromiumPrintEngine } from '../main/services/chromium-print-engine'
import { ReportService } from '../main/services/report-service'
import { LibraryService } from '../main/services/library-service'
import { SettingsService } from '../main/services/settings-service'

/** Scripted answers for the dialogs main would show; a test sets them before it clicks. */
export interface BridgeDialogs {
  chooseImport?: () => string | null
  chooseExport?: (suggestedName: string) => string | null
}

export interface BridgeOptions {
  libraryDir: string
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** The built bridge client (out/bridge/client.js). */
  clientScript: string
  datasetsDir?: string
  /** Where settings live; by default inside the library's state folder. */
  settingsFile?: string
  authorName?: string
  port?: number
  /** The Chromium that prints PDFs (CHROMIUM_PATH or /usr/bin/chromium by default). */
  chromiumPath?: string
  /**
   * The browser's own file handling instead of scripted dialogs (npm run preview:web): the page
   * picks files to import with a file input and receives exports and PDFs as downloads. PDFs are
   * printed into a temporary folder and fetched from there, by name, once each.
   */
  browserFiles?: boolean
  /** See LibraryServiceOptions.validatorId (the bench reopens a library across bridges). */
  validatorId?: string
}

export interface Bridge {
  url: string
  library: LibraryService
  /** What app.openExternal was asked to open: the bridge never opens a browser. */
  externalRequests: string[]
  /** Set what the next open/save dialogs answer. */
  dialogs: BridgeDialogs
  /** Files files.openPath was asked to open: the bridge opens nothing. */
  openedPaths: string[]
  /** Asks the page to save, as main does before quitting; resolves when it answers (or after 5 s). */
  requestFlush(): Promise<void>
  /** Sends the page one of main's events (as main does when the system hands it a file, say). */
  emit<E extends EventName>(event: E, payload?: ChronotesEvents[E]): void
  close(): Promise<void>
}

const MAX_BODY = 256 * 1024 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json'
}

/** Says that a reply's `value.bytes` follow its envelope, which is this many bytes long. */
export const BYTES_AFTER_HEADER = 'X-Chronotes-Bytes-After'

function hasBytes(value: unknown): value is { bytes: Uint8Array } {
  return typeof value === 'object' && value !== null && (value as { bytes?: unknown }).bytes instanceof Uint8Array
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  // The bridge's stand-in for the per-user folder: where its settings are.
  const settingsFile = options.settingsFile ?? join(options.libraryDir, '.chronotes', 'bridge-settings.json')
  const library = new LibraryService({
    root: options.libraryDir,
    ...(options.datasetsDir ? { datasetsDir: options.datasetsDir } : {}),
    onExternalChange: (change) => emit('documents:changed-on-disk', change),
    cacheDir: dirname(settingsFile),
    ...(options.validatorId ? { validatorId: options.validatorId } : {})
  })
  await library.start()
  const settings = new SettingsService(settingsFile, {
    authorName: options.authorName ?? 'Researcher',
    authorConfirmed: false,
    libraryPath: options.libraryDir
  })
  const externalRequests: string[] = []
  const openedPaths: string[] = []
  const dialogs: BridgeDialogs = {}
  const downloads = options.browserFiles ? await mkdtemp(join(tmpdir(), 'chronotes-downloads-')) : null
  if (downloads) dialogs.chooseExport = (name) => join(downloads, basename(name))
  const fileDialogs: FileDialogs = {
    chooseImport: async () => dialogs.chooseImport?.() ?? null,
    chooseExport: async (name) => dialogs.chooseExport?.(name) ?? null,
    openWithSystem: async (path) => void openedPaths.push(path)
  }
  const reports = new ReportService({
    engine: () =>
      createChromiumPrintEngine({
        rendererDir: options.rendererDir,
        executablePath: options.chromiumPath ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
      }),
    chooseTarget: (name) => fileDialogs.chooseExport(name),
    onProgress: (progress) => emit('reports:progress', progress)
  })
  const eventStreams = new Set<ServerResponse>()
  let flushed: (() => void) | null = null
  /** The requests being answered (all but the event streams), which close() lets finish. */
  const inFlight = new Set<Promise<void>>()

  const handlers = new Map<string, Handler>([
    ...domainHandlers('documents', library),
    ...domainHandlers('library', {
      list: () => library.list(),
      counted: () => library.counted(),
      chooseLocation: async (): Promise<Settings | null> => {
        throw new ChronotesError('UNSUPPORTED', 'Choosing another library folder needs the desktop app.')
      }
    }),
    ...domainHandlers('settings', settings),
    ...domainHandlers('files', filesApi(fileDialogs)),
    ...domainHandlers('reports', reports),
    ...domainHandlers('app', {
      // Answered first, then the waiting requestFlush() resumes (see handle), so that a close()
      // right after it does not cut the page's call off.
      flushed: async () => {},
      openExternal: async (url: string) => void externalRequests.push(url)
    })
  ])

  const server = createServer((request, response) => {
    if (!request.url?.startsWith('/__chronotes/events')) {
      const answered = new Promise<void>((resolve) => response.on('close', resolve))
      inFlight.add(answered)
      void answered.then(() => inFlight.delete(answered))
    }
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' })
      response.end(String(error))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    // Only this machine's pages may call: a foreign Host is a DNS-rebinding attempt.
    if (request.headers.host !== `127.0.0.1:${port()}`) return void response.writeHead(403).end()
    if (url.pathname.startsWith('/__chronotes/invoke/') && request.method === 'POST') {
      // A custom header cannot be sent cross-origin without a preflight, which is never answered.
      if (request.headers['x-chronotes-bridge'] !== '1') return void response.writeHead(403).end()
      const channel = decodeURIComponent(url.pathname.slice('/__chronotes/invoke/'.length))
      const handler = handlers.get(channel)
      if (!handler) return void response.writeHead(404).end()
      const args: unknown = JSON.parse(await readBody(request))
      const reply = await handler(Array.isArray(args) ? args : [args])
      // A document's bytes (documents:open) follow the envelope as they are, as Electron's IPC
      // copies them once: escaped inside JSON, 130 MB took seconds to write and to parse twice.
      const withBytes = reply.ok && hasBytes(reply.value) ? reply.value : null
      const envelope = Buffer.from(
        JSON.stringify(withBytes ? { ok: true, value: { ...withBytes, bytes: null } } : reply)
      )
      response.writeHead(200, {
        'Content-Type': withBytes ? 'application/octet-stream' : 'application/json',
        // The length lets the page read the bytes into one buffer, a few megabytes a task.
        ...(withBytes
          ? {
              [BYTES_AFTER_HEADER]: String(envelope.length),
              'Content-Length': String(envelope.length + withBytes.bytes.byteLength)
            }
          : {})
      })
      if (withBytes) response.write(envelope)
      response.end(withBytes ? withBytes.bytes : envelope, () => {
        if (channel === CONTRACT.app.flushed.channel) flushed?.()
      })
      return
    }
    if (url.pathname === '/__chronotes/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
      response.write(': connected\n\n')
      eventStreams.add(response)
      request.on('close', () => eventStreams.delete(response))
      return
    }
    if (url.pathname === '/__chronotes/bridge.js') {
      const client = await readFile(options.clientScript, 'utf8')
      const mode = `globalThis.__chronotesBrowserFiles = ${Boolean(downloads)};\n`
      response.writeHead(200, { 'Content-Type': TYPES['.js'] }).end(mode + client)
      return
    }
    if (downloads && url.pathname.startsWith('/__chronotes/download/') && request.method === 'POST') {
      if (request.headers['x-chronotes-bridge'] !== '1') return void response.writeHead(403).end()
      // Only a file this bridge printed, by its name in the downloads folder.
      const name = basename(decodeURIComponent(url.pathname.slice('/__chronotes/download/'.length)))
      const body = await readFile(join(downloads, name)).catch(() => null)
      if (!body) return void response.writeHead(404).end()
      response.writeHead(200, { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' }).end(body)
      return
    }
    await serveStatic(url.pathname, response)
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^[/\\]+/, '')
    const file = join(options.rendererDir, relative)
    if (!file.startsWith(options.rendererDir + sep)) return void response.writeHead(403).end()
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return void response.writeHead(404).end()
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' })
    response.end(extname(file) === '.html' ? withBridge(body.toString('utf8')) : body)
  }

  function emit<E extends EventName>(event: E, payload?: ChronotesEvents[E]): void {
    for (const stream of eventStreams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload ?? null)}\n\n`)
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = () => (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port()}/`,
    library,
    externalRequests,
    dialogs,
    openedPaths,
    emit,
    requestFlush: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000)
        flushed = () => {
          clearTimeout(timer)
          resolve()
        }
        emit('app:flush-request')
      }),
    // As the app quits: no new connection is taken, and the requests under way are answered (for
    // up to 10 s: one may wait on the user, as a file dialog does) before the rest are cut. A save
    // cut off mid-way failed in the page, and still wrote (its lock, its backup) after close()
    // returned, into a folder the caller may be removing by then.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      await settlesWithin(Promise.allSettled([...inFlight]), 10_000)
      for (const stream of eventStreams) stream.end()
      server.closeAllConnections()
      await closed
      await library.stop()
    }
  }
}

/**
 * The page as the app ships it, with two changes: the bridge client is loaded before the app,
 * and the CSP lets the page talk to this server (connect-src 'self'). The rest of the CSP stays.
 */
function withBridge(html: string): string {
  return html
    .replace("connect-src 'none'", "connect-src 'self'")
    .replace('connect-src &#39;none&#39;', 'connect-src &#39;self&#39;')
    .replace('<title>', '<script src="/__chronotes/bridge.js"></script>\n    <title>')
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('request too large'))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
