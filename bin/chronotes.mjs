#!/usr/bin/env node
// The installed `chronotes` command. In a clone it builds the command line first if it must.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = new URL('../out/cli/chronotes.js', import.meta.url)
if (!existsSync(fileURLToPath(built)) || process.env.CHRONOTES_REBUILD) {
  const cwd = process.cwd()
  process.chdir(fileURLToPath(new URL('..', import.meta.url)))
  await (await import('../scripts/build-cli.mjs')).buildCli()
  process.chdir(cwd)
}
await import(built.href)
