import type { Timeline } from 'vis-timeline/peer'
import type { DensityBin } from '@shared/view/level-of-detail'
import { internalsOf } from './vis-internals'

/** Shade of a bin of level 1–5: how much of the lane's colour shows. */
const ALPHA = [0, 0.1, 0.18, 0.27, 0.36, 0.46]
/** The bar under a bin holding events that match the search. */
const MATCH_COLOR = '#f0b400'
const MATCH_BAR_PX = 3
const SVG = 'http://www.w3.org/2000/svg'

/** One lane's shading: a path for each shade its bins use, and one for the bar under its matches. */
interface LaneShading {
  group: SVGGElement
  paths: Map<string, SVGPathElement>
  /** What its paths were drawn from, as a key: its place in the timeline is the group's transform. */
  drawn: string
}

/**
 * Lanes' density drawn under vis-timeline's items, after each of its redraws, as one SVG: a path
 * per shade of each lane, where as many vis items each forced a layout (measured: seconds per zoom
 * step at 10,000 events). Reads vis-timeline's lane positions from its own layout state rather
 * than from the DOM, so drawing never forces a layout either.
 *
 * Not a canvas: on this machine's software compositing, a canvas the size of the timeline took a
 * new bitmap of the whole window whenever the compositor still held the last one, as in the frame
 * a side panel opens in (15 ms of the main thread at 1440×900, traced), and a canvas per lane
 * waited on the GPU process for each (11 ms for 16 of them). Paths are rastered off the main thread
 * with the rest of the page.
 */
export class DensityLayer {
  private readonly svg = document.createElementNS(SVG, 'svg')
  private readonly shadings = new Map<string, LaneShading>()
  private lanes = new Map<string, DensityBin[]>()
  private colors = new Map<string, string>()
  private version = 0

  constructor(private readonly timeline: Timeline) {
    this.svg.classList.add('density-layer')
    this.svg.setAttribute('aria-hidden', 'true')
    const center = internalsOf(this.timeline).dom.center
    center.insertBefore(this.svg, center.firstChild)
    timeline.on('changed', () => this.draw())
  }

  set(bins: DensityBin[], colors: Map<string, string>): void {
    this.lanes = new Map()
    for (const bin of bins) {
      const lane = this.lanes.get(bin.group)
      if (lane) lane.push(bin)
      else this.lanes.set(bin.group, [bin])
    }
    for (const [id, shading] of this.shadings)
      if (!this.lanes.has(id)) {
        shading.group.remove()
        this.shadings.delete(id)
      }
    this.colors = colors
    this.version++
    this.draw()
  }

  /** The bin under a point of the timeline, for clicks and hover text. */
  binAt(group: string, time: number): DensityBin | undefined {
    return this.lanes.get(group)?.find((b) => b.start <= time && time < b.end)
  }

  /**
   * Places each lane's shading where vis-timeline laid the lane out, and draws it again only when
   * its paths would change: vis-timeline reports 'changed' after each of its redraws, and a scroll
   * only moves a lane.
   */
  draw(): void {
    const { props, itemSet } = internalsOf(this.timeline)
    const { width, height } = props.center
    setAttribute(this.svg, 'width', `${width}`)
    setAttribute(this.svg, 'height', `${height}`)
    const window = this.timeline.getWindow()
    const start = window.start.getTime()
    const scale = width / (window.end.getTime() - start)
    for (const [id, bins] of this.lanes) {
      const lane = itemSet.groups[id]
      const shading = this.shadings.get(id) ?? this.addShading(id)
      // A lane scrolled out of view is neither drawn nor placed until it comes back.
      const shown = Boolean(lane?.isVisible)
      setAttribute(shading.group, 'display', shown ? 'inline' : 'none')
      if (!lane || !shown) continue
      setAttribute(shading.group, 'transform', `translate(0 ${lane.top + props.scrollTop + 1})`)
      const bandHeight = Math.max(0, lane.height - 2)
      const key = [this.version, width, start, +window.end, bandHeight].join()
      if (shading.drawn === key) continue
      shading.drawn = key
      // Each path's outline: a rectangle per bin, in CSS pixels from the lane's band's top left.
      const outlines = new Map<string, string[]>()
      const add = (path: string, outline: string) => {
        const list = outlines.get(path)
        if (list) list.push(outline)
        else outlines.set(path, [outline])
      }
      for (const bin of bins) {
        const x0 = Math.max(0, (bin.start - start) * scale)
        const x1 = Math.min(width, (bin.end - start) * scale)
        if (x1 <= 0 || x0 >= width) continue
        // A hair of space between bins keeps them readable as counts, not a smear.
        const [x, wide] = [x0.toFixed(1), Math.max(1, x1 - x0 - 1).toFixed(1)]
        add(`${bin.level}`, `M${x} 0h${wide}v${bandHeight}h-${wide}z`)
        if (bin.matches) add('matches', `M${x} ${bandHeight - MATCH_BAR_PX}h${wide}v${MATCH_BAR_PX}h-${wide}z`)
      }
      this.paint(shading, outlines, this.colors.get(id) ?? '#888888')
    }
  }

  destroy(): void {
    this.svg.remove()
  }

  private addShading(id: string): LaneShading {
    const shading = { group: document.createElementNS(SVG, 'g'), paths: new Map(), drawn: '' }
    shading.group.dataset.lane = id
    this.svg.append(shading.group)
    this.shadings.set(id, shading)
    return shading
  }

  /** Writes each path's outline and colour; a shade no bin uses any more is taken away. */
  private paint(shading: LaneShading, outlines: Map<string, string[]>, color: string): void {
    for (const [name, path] of shading.paths)
      if (!outlines.has(name)) {
        path.remove()
        shading.paths.delete(name)
      }
    for (const [name, outline] of outlines) {
      let path = shading.paths.get(name)
      if (!path) {
        path = document.createElementNS(SVG, 'path')
        path.classList.add(name === 'matches' ? 'density-matches' : 'density-shade')
        // The bar is drawn over the shades: it comes last.
        if (name === 'matches') shading.group.append(path)
        else shading.group.prepend(path)
        shading.paths.set(name, path)
      }
      setAttribute(path, 'fill', name === 'matches' ? MATCH_COLOR : color)
      if (name !== 'matches') setAttribute(path, 'fill-opacity', `${ALPHA[Number(name)] ?? 0.3}`)
      path.setAttribute('d', outline.join(''))
    }
  }
}

/** Writes an attribute only when it changes: each write would have the element's style worked out again. */
function setAttribute(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value)
}
