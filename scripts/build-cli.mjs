// Builds the `chronotes` command line for Node into out/cli/chronotes.js (Node 20 cannot run
// TypeScript). Dependencies stay external: they are the package's own.
import { build } from 'vite'

export async function buildCli() {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: 'out/cli',
      emptyOutDir: true,
      target: 'node20',
      ssr: 'src/cli/bin.ts',
      rollupOptions: { output: { entryFileNames: 'chronotes.js' } }
    }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli()
