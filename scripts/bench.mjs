// npm run bench: builds bench/index.ts for Node (Node 20 cannot run TypeScript) and runs it.
import { build } from 'vite'

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'out/bench',
    emptyOutDir: true,
    target: 'node20',
    ssr: 'bench/index.ts',
    rollupOptions: { output: { entryFileNames: 'index.js' } }
  }
})
await import(new URL('../out/bench/index.js', import.meta.url).href)
