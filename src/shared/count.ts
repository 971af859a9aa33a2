/** "1 event", "12,480 events": a count as a researcher reads it, with thousands separated. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}
