/** Node 20 cannot run TypeScript: bundles a child-process script, dependencies and all, into one CommonJS file. */
import { join, resolve } from 'node:path'
import { build } from 'vite'

export async function buildChild(entry: string, outDir: string): Promise<string> {
  const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '.cjs')
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(__dirname, '../../..'),
    build: {
      ssr: resolve(__dirname, entry),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: name } }
    },
    ssr: { noExternal: true, target: 'node' }
  })
  return join(outDir, name)
}
