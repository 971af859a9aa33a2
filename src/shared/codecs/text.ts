/**
 * Bytes to text for files from other tools. Excel saves "Unicode Text" as UTF-16LE with a BOM,
 * "CSV UTF-8" with a UTF-8 BOM, and plain "CSV" in the system's code page (windows-1252 in western
 * Europe); Google Sheets and most tools write UTF-8 without a BOM. Decoding never throws.
 */
export interface DecodedText {
  text: string
  /** What the bytes were read as, for the user to see: "UTF-8", "UTF-16LE (BOM)", "windows-1252". */
  encoding: string
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decoded('utf-8', bytes.subarray(3), 'UTF-8 (BOM)')
  if (b0 === 0xff && b1 === 0xfe) return decoded('utf-16le', bytes.subarray(2), 'UTF-16LE (BOM)')
  if (b0 === 0xfe && b1 === 0xff) return decoded('utf-16be', bytes.subarray(2), 'UTF-16BE (BOM)')
  // UTF-16 without a BOM is rare, but its zero bytes would be valid UTF-8 and come out as text full of NULs.
  const wide = utf16Without(bytes)
  if (wide) return decoded(wide === 'le' ? 'utf-16le' : 'utf-16be', bytes, wide === 'le' ? 'UTF-16LE' : 'UTF-16BE')
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'UTF-8' }
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' }
  }
}

/** windows-1252's characters for bytes 0x80–0x9F; the other bytes are their Latin-1 code points. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/**
 * Not UTF-8: read as windows-1252, in which every byte is a character, so this cannot fail. By
 * hand, because Node 20's TextDecoder('windows-1252') is Latin-1 and loses €, ’ and –.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = []
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b
    )
    chunks.push(String.fromCharCode(...codes))
  }
  return chunks.join('')
}

function decoded(label: string, bytes: Uint8Array, encoding: string): DecodedText {
  return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), encoding }
}

/** 'le' or 'be' when most of the first kilobyte's odd (or even) bytes are zero, as in mostly-ASCII UTF-16. */
function utf16Without(bytes: Uint8Array): 'le' | 'be' | null {
  const length = Math.min(bytes.length, 1024) & ~1
  if (length < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = length / 2
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'le'
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'be'
  return null
}

/** Text without a leading byte-order mark, for readers handed text that still carries one. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * The first character that is not a byte-order mark or white space ('' if none), found in one
 * pass: sniffers ask "does it start with {" this way, because /^\s*\ufeff?\s*\{/ backtracks
 * quadratically over a long run of blank lines (3 MB of newlines took 55 s).
 */
export function firstSignificantChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char !== '\ufeff' && char.trim() !== '') return char
  }
  return ''
}

/** Each line of `text` with its 1-based number, without splitting the whole text into an array first. */
export function* linesOf(text: string): Generator<{ number: number; line: string }> {
  let start = 0
  for (let number = 1; start <= text.length; number++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end)
    yield { number, line }
    start = end + 1
  }
}
