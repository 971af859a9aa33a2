/**
 * The density overview's drawing (src/shared/report/overview-density.ts decides the geometry):
 * each lane's strip of shaded cells, the key saying what a shade means in events, the lane's count
 * beside its title, and the caption under the figure. Greys only: the PDF goes to paper, often
 * printed in black and white, and a lane's own colour may be too pale to grade.
 */
import type { OverviewDensity, OverviewFigure, OverviewLane, OverviewPanel } from '@shared/report/model'
import { h, s } from './dom'
import { formatCount } from '@shared/count'

/** Level 1 (fewest events) to 5 (most): even steps of grey that stay apart when printed. */
const SHADES = ['#e2e2e2', '#bdbdbd', '#939393', '#646464', '#333333'] as const
const EMPTY = '#ffffff'
const FRAME = '#a8a8a8'
/** The count under a lane's title, in points (overview-density.ts leaves it room at this size). */
const COUNT_SIZE = 6

export function shadeOf(level: number): string {
  return SHADES[Math.min(SHADES.length, Math.max(1, Math.round(level))) - 1]!
}

/** Each lane's strip: white where no event begins, framed so that white reads as none. */
export function densityStrips(panel: OverviewPanel): SVGGElement | null {
  const bins = panel.bins ?? []
  const strips = panel.lanes.filter((lane) => lane.strip)
  if (!strips.length) return null
  return s(
    'g',
    { class: 'density', 'shape-rendering': 'crispEdges' },
    strips.map(({ id, strip }) =>
      s('rect', {
        class: 'density-strip',
        'data-lane': id,
        x: strip!.x,
        y: strip!.y,
        width: strip!.width,
        height: strip!.height,
        fill: EMPTY,
        stroke: FRAME,
        'stroke-width': 0.4
      })
    ),
    bins.map((bin) =>
      s('rect', {
        class: 'density-cell',
        'data-lane': bin.laneId,
        'data-count': bin.count,
        x: bin.x,
        y: bin.y,
        width: bin.width,
        height: bin.height,
        fill: shadeOf(bin.level)
      })
    )
  )
}

/** The lane's title and, under it, its count ("12,500 events; 36 numbered"), centred together in the band. */
export function laneTitleWithCount(figure: OverviewFigure, lane: OverviewLane): SVGTextElement {
  const titleLine = figure.laneTitleSize * 1.2
  const countLine = COUNT_SIZE * 1.2
  const count = lane.countLines ?? []
  const block = lane.titleLines.length * titleLine + count.length * countLine
  const top = lane.y + (lane.height - block) / 2
  return s(
    'text',
    { class: 'lane-title', x: 7, 'font-size': figure.laneTitleSize },
    lane.titleLines.map((line, i) =>
      s('tspan', { x: 7, y: top + (i + 0.5) * titleLine + figure.laneTitleSize * 0.35 }, line)
    ),
    count.map((line, i) =>
      s(
        'tspan',
        {
          class: 'lane-count',
          x: 7,
          y: top + lane.titleLines.length * titleLine + (i + 0.5) * countLine + COUNT_SIZE * 0.35,
          'font-size': COUNT_SIZE,
          fill: '#555555'
        },
        line
      )
    )
  )
}

/** The key to the shades: what each means in events per cell. */
export function densityKey(density: OverviewDensity): HTMLElement {
  const swatch = (fill: string) =>
    s(
      'svg',
      { class: 'legend-icon', width: '14pt', height: '8pt', viewBox: '0 0 14 8', 'aria-hidden': 'true' },
      s('rect', { x: 0.2, y: 0.2, width: 13.6, height: 7.6, fill, stroke: FRAME, 'stroke-width': 0.4 })
    )
  const range = (from: number, to: number) =>
    from === to ? formatCount(from) : `${formatCount(from)}–${formatCount(to)}`
  return h(
    'ul',
    { class: 'legend density-key', attrs: { 'aria-label': 'Key to the shading' } },
    h('li', { class: 'density-key-title' }, `Events per cell (${density.cellLength}):`),
    h('li', null, swatch(EMPTY), 'none'),
    density.shades.map((shade) => h('li', null, swatch(shadeOf(shade.level)), range(shade.from, shade.to)))
  )
}

/** The caption under the figure: what was drawn as density, and why. */
export function densityCaption(density: OverviewDensity): HTMLElement {
  return h('p', { class: 'figure-note density-caption' }, density.caption)
}
