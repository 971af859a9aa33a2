/** Timing for npm run bench: each figure is the median of a few runs, printed, never asserted. */

export function report(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  console.log(
    `  ${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  (min ${sorted[0]!.toFixed(1)}, n=${samples.length})`
  )
}

export function time<T>(label: string, runs: number, fn: () => T): T {
  let result!: T
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    result = fn()
    samples.push(performance.now() - start)
  }
  report(label, samples)
  return result
}

export async function timeAsync<T>(label: string, runs: number, fn: () => Promise<T>): Promise<T> {
  let result!: T
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    result = await fn()
    samples.push(performance.now() - start)
  }
  report(label, samples)
  return result
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
