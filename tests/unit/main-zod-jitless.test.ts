/**
 * Under the app's CSP (no 'unsafe-eval') zod must never try to generate code: the renderer,
 * the print view and the preload import `@shared/zod-jitless` before any schema exists.
 * Here every `new Function` / `Function()` call that comes from zod is recorded, from before
 * zod is first imported, while the whole IPC contract is defined and used.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const codeGeneration = vi.hoisted(() => {
  const fromZod: string[] = []
  const original = globalThis.Function
  const record = () => {
    const stack = new Error().stack ?? ''
    if (/node_modules[\\/]zod[\\/]/.test(stack)) fromZod.push(stack)
  }
  globalThis.Function = new Proxy(original, {
    construct(target, args, newTarget) {
      record()
      return Reflect.construct(target, args, newTarget === globalThis.Function ? target : newTarget)
    },
    apply(target, self, args) {
      record()
      return Reflect.apply(target, self, args)
    }
  })
  return { fromZod }
})

import '../../src/shared/zod-jitless'
import { config, z } from 'zod'
import { CONTRACT } from '../../src/shared/ipc'
import { DocumentSchema } from '../../src/shared/model/schema'
import { makeDocument } from './helpers/documents'

const sampleArgs: Record<string, unknown[]> = {
  'documents:create': ['Field notes'],
  'documents:open': ['field-notes.chronotes.json'],
  'documents:save': ['field-notes.chronotes.json', makeDocument({ items: 40 }), { baseRevision: null }],
  'documents:create-from': [makeDocument()],
  'reports:export-pdf': [
    makeDocument(),
    {
      title: 'Report',
      selection: { kind: 'all' },
      includeNotes: true,
      includeSources: true,
      pageSize: 'A4',
      landscape: false
    }
  ],
  'settings:update': [{ authorName: 'Olena K.' }],
  'app:open-external': ['https://example.org/']
}

describe('zod without code generation', () => {
  it('defines and parses every schema of the contract without ever calling the Function constructor', () => {
    let parsed = 0
    for (const domain of Object.values(CONTRACT))
      for (const { channel, args } of Object.values(domain as Record<string, { channel: string; args: z.ZodType }>)) {
        const result = args.safeParse(sampleArgs[channel] ?? [])
        if (sampleArgs[channel]) expect(result.success, channel).toBe(true)
        parsed++
      }
    expect(parsed).toBeGreaterThan(15)
    // A bad document is still refused with its problems: jitless parsing is the same validation.
    const bad = DocumentSchema.safeParse({ ...makeDocument(), items: [{ id: 1 }] })
    expect(bad.success).toBe(false)
    expect(codeGeneration.fromZod).toEqual([])
  })

  it('would be caught: with the JIT allowed, zod does call the Function constructor (the probe works)', () => {
    try {
      config({ jitless: false })
      const schema = z.object({ a: z.string(), b: z.number() })
      expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 })
      expect(codeGeneration.fromZod.length).toBeGreaterThan(0)
    } finally {
      config({ jitless: true })
    }
  })

  it('is the first import of every bundle that runs under the CSP', async () => {
    for (const entry of ['src/renderer/src/main.ts', 'src/renderer/report/main.ts', 'src/preload/index.ts']) {
      const source = await readFile(resolve(import.meta.dirname, '../..', entry), 'utf8')
      const firstImport = /^import\s+(?:[^'"]*from\s+)?['"]([^'"]+)['"]/m.exec(source)?.[1]
      expect(firstImport, entry).toBe('@shared/zod-jitless')
    }
  })
})
