import type { Group } from './schema'

/**
 * Okabe–Ito's eight colours, told apart by readers with the common colour-vision deficiencies
 * (the bundled dataset uses them in this order), then the darker ones of Paul Tol's "muted"
 * scheme that differ from them, so that a ninth lane does not look like the first.
 */
export const LANE_PALETTE = [
  '#0072b2',
  '#cc79a7',
  '#009e73',
  '#56b4e9',
  '#e69f00',
  '#d55e00',
  '#f0e442',
  '#999999',
  '#882255',
  '#332288',
  '#117733',
  '#999933',
  '#aa4499'
]

/** The first palette colour no lane uses yet; once all are taken, the least used one. */
export function nextLaneColor(groups: readonly Pick<Group, 'color'>[]): string {
  const uses = new Map(LANE_PALETTE.map((color) => [color, 0]))
  for (const group of groups) {
    const color = group.color.toLowerCase()
    const count = uses.get(color)
    if (count !== undefined) uses.set(color, count + 1)
  }
  const fewest = Math.min(...uses.values())
  return LANE_PALETTE.find((color) => uses.get(color) === fewest)!
}
