/**
 * Hostile files against the readers (issue 9, item 9): format sniffing over 3 MB of newlines, and the
 * shapes that made readers slow or hungry, at 1 MB and 10 MB. Each runs in a fresh Node process, so that its peak
 * memory (the process's high-water resident size, less what it held before reading) is its own.
 * Printed, never asserted.
 */
import { spawnSync } from 'node:child_process'
import { importFile, pickReader } from '../src/shared/codecs'
import { mb } from './timing'

const NOW = new Date('2026-01-01T00:00:00Z')
const PROBE_ENV = 'CHRONOTES_READER_PROBE'

interface ProbeResult {
  ms: number
  inputBytes: number
  /** Peak resident memory above what the process held with the input in memory. */
  peakBytes: number
  outcome: string
}

const MB = 1024 * 1024

/** Hostile shapes, each as the import meets it (sniffing picks the reader), at 1 MB and 10 MB. */
const SHAPES: Record<string, { fileName: string; text: (bytes: number) => string }> = {
  'CSV of blank lines': { fileName: 'blank.csv', text: (n) => 'Date,Title\n' + '\n'.repeat(n) },
  'JSON of empty objects': { fileName: 'events.json', text: (n) => '{"events":[' + '{},'.repeat(n / 3) + '{}]}' },
  'JSON, spaces before a brace': { fileName: 'x.chronotes.json', text: (n) => ' '.repeat(n) + '{' },
  'JSONL of empty objects': { fileName: 'x.jsonl', text: (n) => '{}\n'.repeat(n / 3) },
  'Markdown of newlines': { fileName: 'x.md', text: (n) => '\n'.repeat(n) },
  'CSV of one-column rows': { fileName: 'x.csv', text: (n) => 'Date\n' + '{}\n'.repeat(n / 3) },
  'CSV, one row of commas': { fileName: 'x.csv', text: (n) => 'Date,Title\n' + ','.repeat(n) },
  'CSV, one cell of quotes': { fileName: 'x.csv', text: (n) => 'Date,Title\n' + '"'.repeat(n) },
  'CSV of 7-byte rows': { fileName: 'x.csv', text: (n) => 'Date,Title\n' + '2025,a\n'.repeat(n / 7) }
}

const PROBES: Record<string, () => { inputBytes: number; run: () => string }> = {
  'sniff 3 MB of newlines': () => {
    const text = '\n'.repeat(3 * MB)
    return { inputBytes: text.length, run: () => pickReader(text, 'notes.txt')?.format ?? 'no reader' }
  },
  'import a 100 MB CSV of blank lines': () => imported('blank.csv', 'Date,Title\n' + '\n'.repeat(100 * MB)),
  ...Object.fromEntries(
    Object.entries(SHAPES).flatMap(([name, shape]) =>
      [1, 10].map((size) => [`${name}, ${size} MB`, () => imported(shape.fileName, shape.text(size * MB))])
    )
  )
}

function imported(fileName: string, text: string) {
  const bytes = new TextEncoder().encode(text)
  return {
    inputBytes: bytes.length,
    run: () => {
      const result = importFile(bytes, fileName, { now: NOW })
      return `${result.format ?? '?'} ${result.status}: ${result.problems[0]?.message ?? ''}`
    }
  }
}

// In the child: run one probe, print its figures as JSON, and stop before the rest of the bench.
const probeName = process.env[PROBE_ENV]
if (probeName) {
  const probe = PROBES[probeName]!()
  const before = process.memoryUsage().rss
  const start = performance.now()
  const outcome = probe.run()
  const ms = performance.now() - start
  const peakBytes = process.resourceUsage().maxRSS * 1024 - before
  const result: ProbeResult = { ms, inputBytes: probe.inputBytes, peakBytes, outcome }
  console.log(JSON.stringify(result))
  process.exit(0)
}

export function readerLimitsBench(): void {
  console.log('\nHostile files against the readers (each in its own process; peak = resident high-water)')
  for (const name of Object.keys(PROBES)) {
    const child = spawnSync(process.execPath, [process.argv[1]!], {
      env: { ...process.env, [PROBE_ENV]: name },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024
    })
    const line = child.stdout.trim().split('\n').pop() ?? ''
    if (child.status !== 0 || !line.startsWith('{')) {
      console.log(`  ${name.padEnd(40)} failed: ${child.stderr.trim().split('\n').slice(-2).join(' ')}`)
      continue
    }
    const result = JSON.parse(line) as ProbeResult
    console.log(
      `  ${name.padEnd(40)} ${result.ms.toFixed(0).padStart(7)} ms, peak +${mb(result.peakBytes)} for ${mb(result.inputBytes)} ` +
        `(${(result.peakBytes / result.inputBytes).toFixed(1)}×) → ${result.outcome.slice(0, 70)}`
    )
  }
}
