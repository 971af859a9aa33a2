#!/usr/bin/env node
/**
 * The Electron security gate: runs @doyensec/electronegativity on the sources and fails on any
 * finding that scripts/electronegativity-allow.txt does not list with its reason. The tool
 * itself exits 0 whatever it finds, so its findings are read here. Allow-list entries that no
 * longer match anything fail too, so that the list stays short and true.
 *
 *   node scripts/electronegativity.mjs [folder]     (default: src)
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const input = resolve(root, process.argv[2] ?? 'src')
const allowFile = resolve(root, 'scripts/electronegativity-allow.txt')
const require = createRequire(import.meta.url)

// The tool asks GitHub for translations (and, in one check, for Electron's releases) with `got`.
// The gate stays offline and fast: that `got` answers "not found" at once, without a request,
// and the tool uses its bundled English.
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'))
const gotPath = toolRequire.resolve('got')
const offline = async () => ({ statusCode: 404, body: '' })
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline })
}
// The programmatic entry (its CLI breaks on the newer `commander` hoisted in this project).
const run = require('@doyensec/electronegativity')

/** "CHECK_ID  path/from/the/input  # why it is fine": a finding allowed in one file. */
function readAllowList() {
  return readFileSync(allowFile, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line.replace(/#.*/, '').trim() }))
    .filter(({ text }) => text)
    .map(({ line, text }) => {
      const [check, file, ...rest] = text.split(/\s+/)
      if (!check || !file || rest.length)
        throw new Error(`${relative(root, allowFile)}:${line}: expected "CHECK_ID file"`)
      return { check, file, line, used: false }
    })
}

const allowed = readAllowList()
const started = performance.now()
const result = await run(
  {
    input,
    isRelative: true,
    isVerbose: false,
    // This check downloads Electron's release list; the Electron version is pinned in package.json.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).devDependencies.electron,
    parserPlugins: []
  },
  false
)
if (result.errors.length) {
  for (const error of result.errors)
    console.error(`electronegativity could not read ${error.file}: ${error.message ?? ''}`)
  process.exitCode = 1
}

const unexpected = []
for (const issue of result.issues) {
  const file = issue.file.replace(/\\/g, '/')
  const entry = allowed.find((allow) => allow.check === issue.id && allow.file === file)
  if (entry) entry.used = true
  else unexpected.push(issue)
}
for (const issue of unexpected)
  console.error(
    `${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column} ` +
      `[${issue.severity.name}/${issue.confidence.name}] ${issue.description}\n  ${issue.shortenedURL ?? ''}`
  )
const stale = allowed.filter((entry) => !entry.used)
for (const entry of stale)
  console.error(`${relative(root, allowFile)}:${entry.line}: ${entry.check} ${entry.file} no longer occurs; remove it`)

const seconds = ((performance.now() - started) / 1000).toFixed(1)
const summary = `electronegativity: ${result.issues.length} findings in ${relative(root, input) || '.'}, ${result.issues.length - unexpected.length} allowed, ${unexpected.length} not allowed, ${stale.length} stale allow-list entries (${seconds} s)`
if (unexpected.length || stale.length || result.errors.length) {
  console.error(summary)
  process.exitCode = 1
} else console.log(summary)
