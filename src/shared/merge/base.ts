/**
 * The base of a three-way merge: what their version of an event was when I last took it from
 * the same file. Kept as a hash of the event's content in my item's provenance (provenance.base),
 * so that a file does not grow by a copy of every imported event. Comparing hashes tells which
 * side changed the event since: only theirs (take theirs), only mine (keep mine), or both.
 */
import type { TimelineItem } from '../model/schema'

/**
 * The fields that are the event's content, in a fixed order; timestamps, notes (always united)
 * and provenance are not. The lane is given as a lane of MY document (theirs mapped).
 */
function content(item: TimelineItem, lane: string): string {
  return JSON.stringify([
    item.title,
    item.start,
    item.end ?? null,
    item.displayDate ?? null,
    item.kind,
    lane,
    item.description,
    [...item.tags].sort(),
    item.confidence,
    item.sources.map((source) => [source.title, source.outlet, source.url, source.published])
  ])
}

/**
 * cyrb53 (a public-domain 53-bit string hash; bryc/code on GitHub), run twice with two seeds for
 * 106 bits: a change that keeps the hash is out of reach by chance, and this is no defence against
 * a forger (who could just edit the file).
 */
function hash53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/** The hash of an event's content, with its lane as a lane of my document. */
export function contentHash(item: TimelineItem, lane: string = item.groupId): string {
  const text = content(item, lane)
  return hash53(text, 0) + hash53(text, 0x9e3779b9)
}
