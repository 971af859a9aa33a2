/**
 * The overview figure as geometry: every coordinate in points (1/72 inch) from the top left of its
 * panel, decided by overview.ts for the page's printable width, so that the view only draws. The
 * figure is one or more panels, each a period of time with its own date axis and every lane.
 */
export interface OverviewFigure {
  /** Every panel's width: the page's printable width. */
  width: number
  /** The lane-title column at the left of each panel; the plot starts at its right. */
  gutter: number
  /** Type sizes in points: event numbers, lane titles, axis labels. */
  numberSize: number
  laneTitleSize: number
  axisSize: number
  panels: OverviewPanel[]
  /** Why the figure has several panels ("Split into 3 periods so that numbers stay legible."), or null. */
  note: string | null
  /**
   * Set when there were too many events to number each one legibly: the lanes then show how many
   * events fall in each stretch of time as shading, and number only the events that matter.
   */
  density?: OverviewDensity
}

/** The density overview's key and its caption. */
export interface OverviewDensity {
  /** What each shade means, lightest first: "1–480 events" (levels with no count possible are left out). */
  shades: { level: number; from: number; to: number }[]
  /** How long one shaded cell is, in words: "364 days (about a year)". */
  binLabel: string
  /** The same without the approximation, for the key: "364.1 days". */
  cellLength: string
  /** Said under the figure: what was drawn as density and why. */
  caption: string
}

/** One shaded cell: how many events of one lane start in one stretch of time. */
export interface OverviewBin {
  laneId: string
  x: number
  y: number
  width: number
  height: number
  count: number
  /** 1 (fewest) to 5 (most), relative to the fullest cell in the figure. */
  level: number
}

export interface OverviewPanel {
  /** "2014–2021", "January – April 2025"; "(part 2 of 3)" when one period had to be cut by events. */
  caption: string
  /** The period shown, [startMs, endMs) in UTC milliseconds. */
  startMs: number
  endMs: number
  width: number
  height: number
  /** Where events are drawn; the axis runs along its bottom edge. */
  plot: { x: number; y: number; width: number; height: number }
  lanes: OverviewLane[]
  /** Tick marks on the axis; context and major ones are also drawn as rules across the lanes. */
  ticks: OverviewTick[]
  axisLabels: OverviewAxisLabel[]
  marks: OverviewMark[]
  /** The first and last event number labelled in this panel, or null when it labels none. */
  numbers: { first: number; last: number } | null
  /** The density overview's shaded cells, drawn under the marks. */
  bins?: OverviewBin[]
}

export interface OverviewLane {
  id: string
  /** The lane's title, wrapped to the gutter (an ellipsis ends a title that does not fit). */
  titleLines: string[]
  color: string
  ink: string
  /** The band: from y, height high, across the whole panel. */
  y: number
  height: number
  /** How many rows of markers the band holds. */
  rows: number
  /** The density overview's count under the title ("12,480 events; 310 numbered"), wrapped to the gutter. */
  countLines?: string[]
  /** The density overview's strip of shaded cells under the lane's markers: the whole period, left to right. */
  strip?: { x: number; y: number; width: number; height: number }
}

export interface OverviewTick {
  x: number
  /**
   * `major` where a labelled unit begins (a month under month labels); `context` where the unit on
   * the axis's second line begins (a year under month labels), drawn stronger; `minor` unlabelled.
   */
  level: 'context' | 'major' | 'minor'
}

export interface OverviewAxisLabel {
  x: number
  /** The text's baseline. */
  y: number
  text: string
  anchor: 'start' | 'middle' | 'end'
  /** The context line's labels ("2022" under the months) are set semibold. */
  strong: boolean
}

/**
 * How an event is drawn: `exact` a numbered marker at its day or minute; `approximate` a hollow
 * marker over a whisker spanning the month or year it happened in; `range` a bar from its start to
 * its end; `background` a lighter bar (a period that frames other events).
 */
export type MarkStyle = 'exact' | 'approximate' | 'range' | 'background'

export interface OverviewMark {
  itemId: string
  number: number
  laneId: string
  style: MarkStyle
  /** Approximate or uncertain (EDTF ~ ? %): a dashed ring around the marker. */
  doubt?: boolean
  color: string
  ink: string
  row: number
  /** The row's centre line. */
  y: number
  /** The bar or whisker, for all but exact events; cut ends are where it runs past the panel. */
  bar: { x0: number; x1: number; cutStart: boolean; cutEnd: boolean } | null
  /**
   * The numbered marker (its box; the number is centred in it). Null on a continuation: the bar of
   * an event that began in an earlier panel, whose number is shown there, once.
   */
  label: { x: number; y: number; width: number; height: number; text: string } | null
}
