/**
 * Text widths in Noto Sans without a browser: the overview's geometry is computed in main and in
 * the CLI, where nothing can measure text, yet its labels must not collide once drawn.
 * Advance widths of printable ASCII in thousandths of an em, measured from the bundled woff2
 * files (@fontsource/noto-sans 5.x) in Chromium. Other letters take a generous average, so an
 * estimate errs wide, never narrow.
 */
const REGULAR = [
  260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372, 572, 572, 572, 572, 572, 572, 572,
  572, 572, 572, 268, 268, 572, 572, 572, 434, 899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907,
  760, 781, 605, 781, 622, 549, 556, 731, 600, 930, 586, 566, 572, 329, 372, 329, 572, 444, 281, 561, 615, 480, 615,
  564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605, 615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380,
  551, 380, 572
]
const SEMIBOLD = [
  260, 277, 452, 646, 572, 875, 743, 250, 324, 324, 546, 572, 279, 320, 276, 399, 572, 572, 572, 572, 572, 572, 572,
  572, 572, 572, 276, 279, 572, 572, 572, 461, 898, 672, 659, 638, 732, 558, 538, 726, 756, 370, 309, 647, 546, 929,
  793, 787, 615, 787, 643, 550, 569, 747, 631, 953, 638, 603, 576, 330, 399, 330, 572, 423, 333, 585, 626, 502, 626,
  585, 371, 626, 638, 283, 283, 588, 283, 960, 638, 617, 626, 626, 434, 493, 406, 638, 547, 830, 560, 548, 484, 389,
  551, 389, 572
]
/** Cyrillic averages about 650; wide enough for accented Latin and most else. */
const OTHER = 720

export type Weight = 400 | 600

/** The width of a text set in Noto Sans at `size` (any unit; the result is in the same unit). */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const table = weight === 600 ? SEMIBOLD : REGULAR
  let thousandths = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    thousandths += code >= 32 && code < 127 ? table[code - 32]! : OTHER
  }
  return (thousandths / 1000) * size
}

/** The width of a number's digits: Noto Sans figures are tabular, 0.572 em each. */
export function digitsWidth(digits: number, size: number): number {
  return digits * 0.572 * size
}

/**
 * A text broken at spaces into at most `maxLines` lines no wider than `width`; the last line ends
 * with an ellipsis when the text does not fit. A word longer than a line is cut.
 */
export function wrapText(text: string, width: number, size: number, maxLines: number, weight: Weight = 400): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (textWidth(candidate, size, weight) <= width) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = word
    if (lines.length === maxLines) break
  }
  if (lines.length < maxLines && line) lines.push(line)
  const cut = lines.length === maxLines && lines.join(' ').length < words.join(' ').length
  return lines.map((l, index) => {
    const last = index === lines.length - 1
    if (textWidth(l, size, weight) <= width && !(last && cut)) return l
    return ellipsize(l, width, size, weight)
  })
}

/** The text cut (at a word where it can be) so that it and an ellipsis fit `width`. */
export function ellipsize(text: string, width: number, size: number, weight: Weight = 400): string {
  const chars = [...text]
  while (chars.length && textWidth(`${chars.join('')}…`, size, weight) > width) chars.pop()
  return `${chars.join('').trimEnd()}…`
}
