// One formatter for every count: `toLocaleString` makes a new one on each call, about 0.25 ms in
// Chromium, and a panel of counts redrawn on each edit or zoom step added up to milliseconds.
const thousands = new Intl.NumberFormat('en')

/** "12,480": a number with thousands separated, as a researcher reads it. */
export function formatCount(count: number): string {
  return thousands.format(count)
}

/** "1 event", "12,480 events": a count as a researcher reads it, with thousands separated. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
