import type { TimelineDocument } from './schema'

/** Where a document's events lie in its UTF-8 JSON text (byte offsets). */
export interface ItemsLayout {
  /** The `[` that opens the top-level "items" array. */
  open: number
  /** The `]` that closes it. */
  close: number
  /** The commas between its events: event i runs from after separator i to before separator i+1. */
  commas: Uint32Array
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])
const ITEMS_KEY = new TextEncoder().encode('"items"')

/**
 * Finds the top-level "items" array of a document's JSON text and the commas between its events,
 * reading the bytes once: UTF-8 never puts a byte below 0x80 inside another character, so the
 * structure can be read without decoding. Null when there is no such array (then the text is
 * parsed whole). The last "items" key counts, as JSON.parse keeps the last of duplicate keys.
 */
export function findItems(bytes: Uint8Array): ItemsLayout | null {
  let depth = 0
  let found: ItemsLayout | null = null
  let open = -1
  let commas: number[] = []
  // Where the key that ended last at depth 1 began (to recognise "items" followed by ':' and '[').
  let keyStart = -1
  let keyEnd = -1
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte === QUOTE) {
      const start = i
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++
      if (depth === 1) {
        keyStart = start
        keyEnd = i + 1
      }
    } else if (byte === 0x7b || byte === 0x5b) {
      depth++
      if (byte === 0x5b && depth === 2 && keyStart >= 0 && isItemsKey(bytes, keyStart, keyEnd, i)) {
        open = i
        commas = []
      }
    } else if (byte === 0x7d || byte === 0x5d) {
      if (depth === 2 && open >= 0 && byte === 0x5d) {
        found = { open, close: i, commas: Uint32Array.from(commas) }
        open = -1
      }
      depth--
    } else if (byte === COMMA && depth === 2 && open >= 0) commas.push(i)
    if (depth === 1 && byte !== QUOTE && !WHITESPACE.has(byte) && byte !== COLON) keyStart = -1
  }
  return found
}

/** Whether bytes[keyStart, keyEnd) is "items" and only a colon and white space lie before `at`. */
function isItemsKey(bytes: Uint8Array, keyStart: number, keyEnd: number, at: number): boolean {
  if (keyEnd - keyStart !== ITEMS_KEY.length) return false
  for (let i = 0; i < ITEMS_KEY.length; i++) if (bytes[keyStart + i] !== ITEMS_KEY[i]) return false
  let colons = 0
  for (let i = keyEnd; i < at; i++) {
    if (bytes[i] === COLON) colons++
    else if (!WHITESPACE.has(bytes[i]!)) return false
  }
  return colons === 1
}

/**
 * The document in `bytes`, read in parts: first everything but its events, then `perPart` events
 * at a time (each part is decoded and parsed on its own), handed to `onPart` as it is parsed,
 * with `pause` awaited between parts so that the caller's thread can do other work.
 */
export async function parseInParts(
  bytes: Uint8Array,
  layout: ItemsLayout,
  perPart: number,
  pause: () => Promise<void>,
  onPart: (items: TimelineDocument['items']) => void = () => {}
): Promise<TimelineDocument> {
  const decoder = new TextDecoder()
  const head = decoder.decode(bytes.subarray(0, layout.open + 1)) + decoder.decode(bytes.subarray(layout.close))
  const document = JSON.parse(head) as TimelineDocument
  const items: TimelineDocument['items'] = []
  const { commas } = layout
  // Separators around the events: the '[', each comma, the ']'.
  const separator = (n: number) => (n === 0 ? layout.open : n > commas.length ? layout.close : commas[n - 1]!)
  const count = commas.length + 1
  const empty = !commas.length && bytes.subarray(layout.open + 1, layout.close).every((byte) => WHITESPACE.has(byte))
  for (let first = 0; !empty && first < count; first += perPart) {
    if (first) await pause()
    const last = Math.min(count, first + perPart)
    const part = decoder.decode(bytes.subarray(separator(first) + 1, separator(last)))
    const parsed = JSON.parse(`[${part}]`) as TimelineDocument['items']
    onPart(parsed)
    for (const item of parsed) items.push(item)
  }
  document.items = items
  return document
}
