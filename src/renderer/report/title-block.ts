/** The first thing a reader sees: what this is, who made it, which events, and when. */
import type { ReportModel } from '@shared/report/model'
import { h } from './dom'

export function titleBlock(model: ReportModel): HTMLElement {
  return h(
    'header',
    { class: 'title-block' },
    h('p', { class: 'kicker' }, 'Annotated chronology'),
    h('h1', { class: 'title' }, model.title),
    model.subtitle && h('p', { class: 'subtitle' }, model.subtitle),
    model.author && h('p', { class: 'author' }, model.author),
    h(
      'dl',
      { class: 'facts' },
      fact('Period', model.span ?? 'No events'),
      fact('Events', model.summary),
      fact('Exported', model.exported.replace(/^Exported /, ''))
    ),
    model.omissions && h('p', { class: 'omissions' }, model.omissions),
    model.lanes.length > 0 &&
      h(
        'ul',
        { class: 'lane-key', attrs: { 'aria-label': 'Lanes' } },
        model.lanes.map((lane) =>
          h('li', null, chip(lane.color), `${lane.title} `, h('span', { class: 'count' }, `(${lane.count})`))
        )
      )
  )
}

function fact(term: string, value: string): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)]
}

/** A lane's colour swatch: a tiny SVG, because the CSP allows no style attributes in markup. */
export function chip(color: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  svg.setAttribute('class', 'chip')
  svg.setAttribute('viewBox', '0 0 10 10')
  svg.setAttribute('aria-hidden', 'true')
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect')
  for (const [name, value] of Object.entries({ width: '10', height: '10', rx: '2', fill: color }))
    rect.setAttribute(name, value)
  svg.append(rect)
  return svg
}
