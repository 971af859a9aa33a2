import type { Timeline } from 'vis-timeline/peer'
import type { DensityBin } from '@shared/view/level-of-detail'
import { internalsOf } from './vis-internals'

/** Shade of a bin of level 1–5: how much of the lane's colour shows. */
const ALPHA = [0, 0.1, 0.18, 0.27, 0.36, 0.46]

/**
 * Lanes' density drawn on one canvas under vis-timeline's items, after each of its redraws: a few
 * hundred rectangles cost a fraction of a millisecond, where as many vis items each forced a
 * layout (measured: seconds per zoom step at 10,000 events). Reads vis-timeline's lane positions
 * from its own layout state rather than from the DOM, so drawing never forces a layout either.
 */
export class DensityCanvas {
  private readonly canvas = document.createElement('canvas')
  private bins: DensityBin[] = []
  private colors = new Map<string, string>()
  /** What the canvas shows now, as a key of everything it was drawn from ('' when blank). */
  private shown = ''
  private version = 0

  constructor(private readonly timeline: Timeline) {
    this.canvas.className = 'density-layer'
    this.canvas.setAttribute('aria-hidden', 'true')
    const center = internalsOf(this.timeline).dom.center
    center.insertBefore(this.canvas, center.firstChild)
    timeline.on('changed', () => this.draw())
  }

  set(bins: DensityBin[], colors: Map<string, string>): void {
    this.bins = bins
    this.colors = colors
    this.version++
    this.draw()
  }

  /** The bin under a point of the timeline, for clicks and hover text. */
  binAt(group: string, time: number): DensityBin | undefined {
    return this.bins.find((b) => b.group === group && b.start <= time && time < b.end)
  }

  /**
   * Redraws only when what it shows would change: vis-timeline reports 'changed' after each of
   * its redraws, and touching the canvas costs a raster of it (measured: 80 ms a zoom step at
   * 1,000 events, where there are no bins at all).
   */
  draw(): void {
    const { props, itemSet } = internalsOf(this.timeline)
    const { width, height } = props.center
    const ratio = globalThis.devicePixelRatio || 1
    const window = this.timeline.getWindow()
    const lanes = new Set(this.bins.map((bin) => bin.group))
    const key = this.bins.length
      ? [this.version, width, height, ratio, +window.start, +window.end, props.scrollTop]
          .concat([...lanes].flatMap((id) => [itemSet.groups[id]?.top ?? -1, itemSet.groups[id]?.height ?? -1]))
          .join()
      : ''
    if (key === this.shown) return
    this.shown = key
    // Grown, never shrunk, and when grown to at least the window's size: resizing a canvas
    // allocates a new bitmap (10–15 ms at 1440×800 here), and the timeline's size changes each time
    // a side panel or the filter's summary line comes or goes. vis-timeline's panel clips what lies
    // beyond its size. The window's size is read only then: reading it may lay the page out.
    const [pixelsWide, pixelsHigh] = [Math.round(width * ratio), Math.round(height * ratio)]
    if (this.canvas.width < pixelsWide || this.canvas.height < pixelsHigh) {
      this.canvas.width = Math.max(this.canvas.width, pixelsWide, Math.round(globalThis.innerWidth * ratio))
      this.canvas.height = Math.max(this.canvas.height, pixelsHigh, Math.round(globalThis.innerHeight * ratio))
      this.canvas.style.width = `${this.canvas.width / ratio}px`
      this.canvas.style.height = `${this.canvas.height / ratio}px`
    }
    const context = this.canvas.getContext('2d')
    if (!context) return
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    context.clearRect(0, 0, this.canvas.width / ratio, this.canvas.height / ratio)
    if (!this.bins.length) return
    const start = window.start.getTime()
    const scale = width / (window.end.getTime() - start)
    for (const bin of this.bins) {
      const lane = itemSet.groups[bin.group]
      if (!lane) continue
      const x0 = Math.max(0, (bin.start - start) * scale)
      const x1 = Math.min(width, (bin.end - start) * scale)
      if (x1 <= 0 || x0 >= width) continue
      const top = lane.top + props.scrollTop
      context.globalAlpha = ALPHA[bin.level] ?? 0.3
      context.fillStyle = this.colors.get(bin.group) ?? '#888888'
      // A hair of space between bins keeps them readable as counts, not a smear.
      context.fillRect(x0, top + 1, Math.max(1, x1 - x0 - 1), lane.height - 2)
      if (bin.matches) {
        context.globalAlpha = 1
        context.fillStyle = '#f0b400'
        context.fillRect(x0, top + lane.height - 4, Math.max(1, x1 - x0 - 1), 3)
      }
    }
    context.globalAlpha = 1
  }

  destroy(): void {
    this.canvas.remove()
  }
}
