/**
 * What the PDF shows, as data: computed in main (or the CLI) from a document and the export
 * options by buildReportModel (build-model.ts), and rendered by the print view (report.html,
 * `window.renderReport(model)`). Plain JSON: it crosses into the print page by value.
 *
 * Everything a reader sees is decided here — numbering, order, dates as words, the summary line,
 * the overview figure's coordinates — so that the view only draws and the tests can check the
 * decisions without a browser. Markdown stays Markdown: the view renders and sanitises it.
 */
import type { Confidence, ItemKind } from '../model/schema'
import type { Precision } from '../model/dates'
import type { OverviewFigure } from './overview-types'

export type {
  OverviewBin,
  OverviewDensity,
  OverviewFigure,
  OverviewPanel,
  OverviewLane,
  OverviewMark,
  OverviewTick
} from './overview-types'

/** Bumped when the shape changes, so that a print view can refuse a model it does not know. */
export const REPORT_MODEL_VERSION = 1

export interface ReportModel {
  version: typeof REPORT_MODEL_VERSION
  page: ReportPage
  /** The title block. */
  title: string
  subtitle: string | null
  author: string | null
  /** "Exported 5 March 2026". */
  exported: string
  /** When it was exported, ISO 8601 (for the PDF's metadata). */
  exportedAt: string
  /** The included events' span as a reader says it ("February 2014 – December 2025"); null when none. */
  span: string | null
  /** "42 of 88 events; lanes: Diplomacy; confidence: confirmed" — which events and why. */
  summary: string
  /** What was left out by the options ("Notes are not included."), or null. */
  omissions: string | null
  /** The header's title: the title, shortened to fit a page margin. */
  runningTitle: string
  includeNotes: boolean
  includeSources: boolean
  /** The lanes that hold at least one included event, in lane order. */
  lanes: ReportLane[]
  /** The annotated chronology, in date order, numbered 1..N (the figure uses the same numbers). */
  entries: ReportEntry[]
  overview: OverviewFigure
}

/** The paper: the @page rule the view writes, and the box the figure was laid out for. */
export interface ReportPage {
  size: 'A4' | 'Letter'
  landscape: boolean
  /** The sheet as it lies (landscape swaps them), in millimetres. */
  widthMm: number
  heightMm: number
  margin: { topMm: number; rightMm: number; bottomMm: number; leftMm: number }
  /** The printable box inside the margins, in points (1/72 inch): what the figure fills. */
  contentWidthPt: number
  contentHeightPt: number
}

export interface ReportLane {
  id: string
  title: string
  color: string
  /** Black or white: what reads on the lane colour. */
  ink: string
  count: number
}

export interface ReportEntry {
  /** 1..N in date order; the figure's marker for this event carries the same number. */
  number: number
  id: string
  laneId: string
  laneTitle: string
  laneColor: string
  kind: ItemKind
  /** Derived from `start` (see dates.ts), for the figure's marks. */
  precision: Precision
  /** EDTF start and end as stored. */
  start: string
  end: string | null
  /** The date as precisely as it is known: "March 2025", "5 March 2025", "12–13 April 2014". */
  date: string
  /** "2014": the chronology starts a new section where this changes. */
  section: string
  title: string
  confidence: Confidence
  /** "Confirmed", "Reported", …: the word the reader sees. */
  confidenceLabel: string
  /** Markdown, rendered and sanitised by the view. */
  description: string
  tags: string[]
  /** Empty when the options leave sources out (see ReportModel.includeSources). */
  sources: ReportSource[]
  /** Empty when the options leave notes out; oldest first. */
  notes: ReportNote[]
}

export interface ReportSource {
  title: string | null
  outlet: string | null
  /** Only http(s) addresses; anything else is dropped. Printed visibly, and linked. */
  url: string | null
  /** "26 February 2024", or null. */
  published: string | null
}

export interface ReportNote {
  id: string
  author: string
  /** Markdown, rendered and sanitised by the view. */
  body: string
  /** "5 March 2025, 14:00 UTC". */
  created: string
  /** The same form, when the note was edited after it was written; else null. */
  edited: string | null
}
