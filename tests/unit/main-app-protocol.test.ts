import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp'
import { createFakeElectron, electronModule, type FakeElectron } from './helpers/fake-electron'
import { useTempDirs } from './helpers/library'

let fake: FakeElectron
vi.mock('electron', () => electronModule(() => fake))

const { appRequestHandler, registerAppScheme, resolveAppPath, serveAppProtocol, APP_ORIGIN } =
  await import('../../src/main/windows/app-protocol')

const tempDir = useTempDirs()

/** A built renderer folder beside a secret file that must never be served. */
async function rendererFolder() {
  const top = await tempDir()
  const root = join(top, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Chronotes</title>')
  await writeFile(join(root, 'report.html'), '<!doctype html><title>Report</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export const ok = 1')
  await writeFile(join(root, 'assets', 'app.css'), 'body{}')
  await writeFile(join(root, 'assets', 'noto.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]))
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  await writeFile(join(root, 'assets', 'blob.xyz'), 'x')
  await writeFile(join(top, 'secret.txt'), 'the researcher’s private notes')
  return { top, root, serve: appRequestHandler(root) }
}

beforeEach(() => {
  fake = createFakeElectron({ paths: {} })
})

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme that neither bypasses the CSP nor allows CORS', () => {
    registerAppScheme()
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }
    ])
    const { privileges } = fake.protocol.privileged[0]!
    expect(privileges.bypassCSP).toBeUndefined()
    expect(privileges.corsEnabled).toBeUndefined()
    expect(privileges.allowServiceWorkers).toBeUndefined()
  })

  it('serves the renderer’s files with their MIME types and the CSP header', async () => {
    const { serve } = await rendererFolder()
    const cases: [string, string, string][] = [
      ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Chronotes</title>'],
      ['/report.html', 'text/html; charset=utf-8', '<!doctype html><title>Report</title>'],
      ['/assets/index-abc.js', 'text/javascript; charset=utf-8', 'export const ok = 1'],
      ['/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
      ['/assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
      ['/assets/blob.xyz', 'application/octet-stream', 'x']
    ]
    for (const [path, type, body] of cases) {
      const response = await serve(new Request(`${APP_ORIGIN}${path}`))
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toBe(type)
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text(), path).toBe(body)
    }
    const font = await serve(new Request(`${APP_ORIGIN}/assets/noto.woff2`))
    expect(font.headers.get('content-type')).toBe('font/woff2')
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0x77, 0x4f, 0x46, 0x32])
    // The bare origin is the app's page.
    expect(await (await serve(new Request(`${APP_ORIGIN}/`))).text()).toContain('<title>Chronotes</title>')
  })

  it('refuses every way out of the renderer folder', async () => {
    const { top, root, serve } = await rendererFolder()
    const escapes = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      `/${encodeURIComponent(join(top, 'secret.txt'))}`,
      '/index.html%00.js',
      '/%E0%A4%A'
    ]
    for (const path of escapes) {
      const response = await serve(new Request(`${APP_ORIGIN}${path}`))
      expect(response.status, path).toBeGreaterThanOrEqual(400)
      expect(await response.text(), path).not.toContain('private notes')
    }
    expect(resolveAppPath(root, 'app://chronotes/../secret.txt')).toBe(join(root, 'secret.txt'))
    expect(resolveAppPath(root, 'app://chronotes/..%2fsecret.txt')).toBeNull()
    expect(resolveAppPath(root, 'app://elsewhere/index.html')).toBeNull()
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull()
    expect(resolveAppPath(root, 'not a url')).toBeNull()
  })

  it('answers 404 for a missing file or a folder, and 405 for anything but GET', async () => {
    const { serve } = await rendererFolder()
    expect((await serve(new Request(`${APP_ORIGIN}/nothing.js`))).status).toBe(404)
    expect((await serve(new Request(`${APP_ORIGIN}/assets`))).status).toBe(404)
    expect((await serve(new Request(`${APP_ORIGIN}/no-spellcheck-dictionaries/en-US-10-1.bdic`))).status).toBe(404)
    expect((await serve(new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('does not follow a link out of the folder placed under another name', async () => {
    const { top, root, serve } = await rendererFolder()
    await symlink(join(top, 'secret.txt'), join(root, 'assets', 'linked.txt'))
    const response = await serve(new Request(`${APP_ORIGIN}/assets/linked.txt`))
    expect(response.status).toBe(404)
  })

  it('is handled once per session, however many print windows ask', async () => {
    const { root } = await rendererFolder()
    const print = fake.session.fromPartition('chronotes-print')
    serveAppProtocol(print.protocol, root)
    serveAppProtocol(print.protocol, root)
    expect(print.protocol.isProtocolHandled('app')).toBe(true)
    expect(fake.session.defaultSession.protocol.isProtocolHandled('app')).toBe(false)
  })
})
