/** Colour arithmetic for the print: tints of a lane's colour for washes, shades for outlines. */

/** The colour at `amount` (0–1) over white: 0.1 is a faint wash, 1 the colour itself. */
export function tint(color: string, amount: number): string {
  return hex(parse(color).map((c) => 255 + (c - 255) * amount))
}

/** The colour taken `amount` (0–1) towards black: an outline that shows even around pale yellow. */
export function shade(color: string, amount: number): string {
  return hex(parse(color).map((c) => c * (1 - amount)))
}

function hex(channels: number[]): string {
  return `#${channels
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0')
    )
    .join('')}`
}

function parse(color: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(color)
  const value = match ? parseInt(match[1]!, 16) : 0x999999
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}
