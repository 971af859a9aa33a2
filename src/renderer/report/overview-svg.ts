/**
 * Draws the overview figure from its precomputed geometry (src/shared/report/overview.ts): one
 * inline SVG per panel, vector and with real text, so that the PDF stays sharp and searchable.
 */
import type { OverviewFigure, OverviewMark, OverviewPanel } from '@shared/report/model'
import { h, s } from './dom'
import { shade, tint } from './colors'
import { densityCaption, densityKey, densityStrips, laneTitleWithCount } from './overview-density-svg'

/** A context tick (a new year under month labels) reaches a little further down than the others. */
const TICK_LENGTH = { context: 5, major: 3, minor: 1.6 } as const

export function overviewSection(figure: OverviewFigure): HTMLElement {
  const many = figure.panels.length > 1
  return h(
    'section',
    { class: 'overview', attrs: { 'aria-labelledby': 'overview-heading' } },
    h('h2', { attrs: { id: 'overview-heading' } }, 'Overview'),
    h(
      'p',
      { class: 'figure-note' },
      figure.density
        ? 'Numbered events carry their number in the chronology; the shading counts all events (see below). '
        : 'Each event carries its number in the chronology. ',
      figure.note ?? ''
    ),
    legend(many),
    figure.density && densityKey(figure.density),
    figure.panels.map((panel, index) =>
      h(
        'figure',
        { class: 'panel' },
        h(
          'figcaption',
          null,
          many && h('span', { class: 'panel-index' }, `${index + 1} of ${figure.panels.length} · `),
          h('span', { class: 'panel-period' }, panel.caption),
          panel.numbers &&
            h(
              'span',
              { class: 'panel-numbers' },
              panel.numbers.first === panel.numbers.last
                ? ` · event ${panel.numbers.first}`
                : ` · events ${panel.numbers.first}–${panel.numbers.last}`
            )
        ),
        panelSvg(figure, panel)
      )
    ),
    figure.density && densityCaption(figure.density)
  )
}

export function panelSvg(figure: OverviewFigure, panel: OverviewPanel): SVGSVGElement {
  const { plot } = panel
  const bottom = plot.y + plot.height
  return s(
    'svg',
    {
      class: 'overview-panel',
      width: `${panel.width}pt`,
      height: `${panel.height}pt`,
      viewBox: `0 0 ${round(panel.width)} ${round(panel.height)}`,
      role: 'img',
      'aria-label': `Overview, ${panel.caption}`
    },
    // Lanes: a faint wash of the lane's colour, a solid edge, and its title in the gutter.
    panel.lanes.map((lane, index) =>
      s(
        'g',
        { class: 'lane', 'data-lane': lane.id },
        s('rect', {
          x: 0,
          y: lane.y,
          width: panel.width,
          height: lane.height,
          fill: index % 2 ? tint(lane.color, 0.1) : tint(lane.color, 0.05)
        }),
        s('rect', { x: 0, y: lane.y, width: 3, height: lane.height, fill: lane.color }),
        lane.countLines
          ? laneTitleWithCount(figure, lane)
          : s(
              'text',
              { class: 'lane-title', x: 7, 'font-size': figure.laneTitleSize },
              lane.titleLines.map((line, i) =>
                s(
                  'tspan',
                  {
                    x: 7,
                    y:
                      lane.y +
                      lane.height / 2 +
                      (i - (lane.titleLines.length - 1) / 2) * figure.laneTitleSize * 1.2 +
                      figure.laneTitleSize * 0.35
                  },
                  line
                )
              )
            )
      )
    ),
    // Rules at the major ticks, under the marks, so that a reader can follow a year down the lanes.
    s(
      'g',
      { class: 'grid', 'stroke-width': 0.4 },
      panel.ticks
        .filter((t) => t.level !== 'minor')
        .map((t) =>
          s('line', { x1: t.x, x2: t.x, y1: plot.y, y2: bottom, stroke: t.level === 'context' ? '#9a9a9a' : '#d2d2d2' })
        )
    ),
    densityStrips(panel),
    s(
      'g',
      { class: 'marks' },
      panel.marks.map((mark) => markShape(figure, mark))
    ),
    // The axis.
    s(
      'g',
      { class: 'axis', stroke: '#6b6b6b' },
      s('line', { x1: plot.x, x2: plot.x + plot.width, y1: bottom, y2: bottom, 'stroke-width': 0.6 }),
      panel.ticks.map((t) =>
        s('line', {
          x1: t.x,
          x2: t.x,
          y1: bottom,
          y2: bottom + TICK_LENGTH[t.level],
          'stroke-width': t.level === 'minor' ? 0.4 : 0.6
        })
      )
    ),
    s(
      'g',
      { class: 'axis-labels', 'font-size': figure.axisSize, fill: '#333333' },
      panel.axisLabels.map((label) =>
        s(
          'text',
          { x: label.x, y: label.y, 'text-anchor': label.anchor, 'font-weight': label.strong ? 600 : 400 },
          label.text
        )
      )
    )
  )
}

function markShape(figure: OverviewFigure, mark: OverviewMark): SVGGElement {
  const group = s('g', {
    class: `mark mark-${mark.style}${mark.label ? '' : ' mark-continued'}`,
    'data-number': mark.number,
    'data-item': mark.itemId
  })
  const { bar } = mark
  if (bar && mark.style === 'approximate') {
    // A whisker across the month or year the event happened in, capped at known ends.
    const stroke = { stroke: shade(mark.color, 0.2), 'stroke-width': 0.9 }
    group.append(s('line', { x1: bar.x0, x2: bar.x1, y1: mark.y, y2: mark.y, ...stroke }))
    if (!bar.cutStart)
      group.append(s('line', { x1: bar.x0, x2: bar.x0, y1: mark.y - 2.5, y2: mark.y + 2.5, ...stroke }))
    if (!bar.cutEnd) group.append(s('line', { x1: bar.x1, x2: bar.x1, y1: mark.y - 2.5, y2: mark.y + 2.5, ...stroke }))
  } else if (bar) {
    const background = mark.style === 'background'
    group.append(
      s('path', {
        d: barPath(bar.x0, bar.x1, mark.y, 2.6, bar.cutStart, bar.cutEnd),
        fill: background ? tint(mark.color, 0.35) : mark.color,
        stroke: background ? mark.color : 'none',
        'stroke-width': 0.6,
        'stroke-dasharray': background ? '1.5 1' : 'none'
      })
    )
  }
  const label = mark.label
  if (label) {
    const hollow = mark.style === 'approximate'
    if (mark.doubt) group.append(doubtRing(label.x, label.y, label.width, label.height))
    group.append(
      s('rect', {
        x: label.x,
        y: label.y,
        width: label.width,
        height: label.height,
        rx: 2.2,
        fill: hollow ? '#ffffff' : mark.color,
        stroke: hollow ? shade(mark.color, 0.2) : shade(mark.color, 0.25),
        'stroke-width': hollow ? 0.9 : 0.4
      }),
      s(
        'text',
        {
          class: 'mark-number',
          x: label.x + label.width / 2,
          y: label.y + label.height / 2,
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          'font-size': figure.numberSize,
          'font-weight': 600,
          fill: hollow ? '#000000' : mark.ink
        },
        label.text
      )
    )
  }
  return group
}

/** A bar as a path whose cut ends are arrow points: it runs on into the next (or from the last) panel. */
function barPath(x0: number, x1: number, y: number, half: number, cutStart: boolean, cutEnd: boolean): string {
  const tip = Math.min(half * 1.4, (x1 - x0) / 2)
  const left = cutStart
    ? `M${r(x0 + tip)},${r(y - half)} L${r(x0)},${r(y)} L${r(x0 + tip)},${r(y + half)}`
    : `M${r(x0)},${r(y - half)} L${r(x0)},${r(y + half)}`
  const right = cutEnd
    ? `L${r(x1 - tip)},${r(y + half)} L${r(x1)},${r(y)} L${r(x1 - tip)},${r(y - half)}`
    : `L${r(x1)},${r(y + half)} L${r(x1)},${r(y - half)}`
  return `${left} ${right} Z`
}

function r(value: number): number {
  return Math.round(value * 100) / 100
}

const round = r

/** The key to the marks, drawn with the same shapes as in the figure; cut bars only when there are parts. */
/** The dashed ring of an approximate or uncertain date, just outside its marker. */
function doubtRing(x: number, y: number, width: number, height: number): SVGElement {
  return s('rect', {
    x: x - 1.3,
    y: y - 1.3,
    width: width + 2.6,
    height: height + 2.6,
    rx: 3,
    fill: 'none',
    stroke: '#333333',
    'stroke-width': 0.6,
    'stroke-dasharray': '1.2 0.9'
  })
}

function legend(parts: boolean): HTMLElement {
  const grey = '#6b6b6b'
  const icon = (width: number, content: SVGElement[]) =>
    s(
      'svg',
      {
        class: 'legend-icon',
        width: `${width}pt`,
        height: '10pt',
        viewBox: `0 0 ${width} 10`,
        overflow: 'visible',
        'aria-hidden': 'true'
      },
      content
    )
  const pill = (x: number, hollow: boolean) => [
    s('rect', {
      x,
      y: 0.5,
      width: 10,
      height: 9,
      rx: 2.2,
      fill: hollow ? '#ffffff' : grey,
      stroke: hollow ? grey : '#444444',
      'stroke-width': hollow ? 0.9 : 0.4
    }),
    s(
      'text',
      {
        x: x + 5,
        y: 5,
        'text-anchor': 'middle',
        'dominant-baseline': 'central',
        'font-size': 6,
        'font-weight': 600,
        fill: hollow ? '#000000' : '#ffffff'
      },
      '7'
    )
  ]
  const whisker = { stroke: grey, 'stroke-width': 0.9 }
  return h(
    'ul',
    { class: 'legend', attrs: { 'aria-label': 'Key to the overview' } },
    h('li', null, icon(10, pill(0, false)), 'a known day'),
    h(
      'li',
      null,
      icon(26, [
        s('line', { x1: 0.5, x2: 25.5, y1: 5, y2: 5, ...whisker }),
        s('line', { x1: 0.5, x2: 0.5, y1: 2.5, y2: 7.5, ...whisker }),
        s('line', { x1: 25.5, x2: 25.5, y1: 2.5, y2: 7.5, ...whisker }),
        ...pill(8, true)
      ]),
      'month or year only (the line spans it)'
    ),
    h(
      'li',
      null,
      icon(26, [s('path', { d: barPath(0, 26, 5, 2.6, false, false), fill: grey }), ...pill(0, false)]),
      'a period'
    ),
    h('li', null, icon(14, [doubtRing(2, 0.5, 10, 9), ...pill(2, false)]), 'c. or ?: an approximate or uncertain date'),
    parts &&
      h(
        'li',
        null,
        icon(20, [s('path', { d: barPath(0, 20, 5, 2.6, false, true), fill: grey })]),
        'continues in the next part'
      )
  )
}
