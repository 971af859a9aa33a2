import { protocol, type Protocol } from 'electron'
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

/**
 * The app's pages are served from app://chronotes/ instead of file://: a file:// page may read
 * any local file its CSP lets through and shares one opaque origin with every other file, while
 * app://chronotes is an origin of its own that can only reach the built renderer folder.
 */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://chronotes`

/** Must run before the app is ready; Electron keeps only the last call, so this is the one. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and a real origin for 'self'; secure: a secure context like https.
    // No corsEnabled, no bypassCSP: other origins cannot read these files and the CSP applies.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
  ])
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

function refuse(status: 400 | 404 | 405, why: string): Response {
  return new Response(why, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/**
 * The file inside `root` that an app:// URL names, or null when the URL is not the app's or
 * would leave the folder (`..`, encoded slashes or backslashes, a drive letter, a NUL byte).
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== new URL(APP_ORIGIN).host) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const segments = path.split('/').filter(Boolean)
  if (segments.some((segment) => segment === '..' || segment === '.')) return null
  const file = resolve(root, ...(segments.length ? segments : ['index.html']))
  return isInside(root, file) ? file : null
}

function isInside(root: string, path: string): boolean {
  const inside = relative(resolve(root), path)
  return inside !== '' && inside !== '..' && !inside.startsWith('..' + sep) && !isAbsolute(inside)
}

/** Answers app:// requests with the built renderer's files, and nothing else. */
export function appRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET is served.')
    const file = resolveAppPath(rendererDir, request.url)
    if (!file) return refuse(400, 'Not a file of the app.')
    try {
      // A link inside the folder must not lead out of it either.
      if (!isInside(await realpath(rendererDir), await realpath(file))) return refuse(404, 'Not found.')
      if (!(await stat(file)).isFile()) return refuse(404, 'Not found.')
      const body = request.method === 'HEAD' ? null : await readFile(file)
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeTypeOf(file),
          // The same policy as the built pages' meta tag: a header cannot be removed by the page.
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache'
        }
      })
    } catch {
      return refuse(404, 'Not found.')
    }
  }
}

/** Serves app:// in one session (each session has its own protocol table); once is enough. */
export function serveAppProtocol(target: Pick<Protocol, 'handle' | 'isProtocolHandled'>, rendererDir: string): void {
  if (!target.isProtocolHandled(APP_SCHEME)) target.handle(APP_SCHEME, appRequestHandler(rendererDir))
}
