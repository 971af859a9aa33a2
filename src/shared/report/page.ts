/** The paper the report is laid out for: sheet sizes, margins, and the printable box in points. */
import type { ReportPage } from './model'

export const PT_PER_MM = 72 / 25.4

const SHEETS = {
  A4: { widthMm: 210, heightMm: 297 },
  Letter: { widthMm: 215.9, heightMm: 279.4 }
} as const

/** Wide enough for the running header and "Page N of M" in the margin boxes, narrow enough to leave room. */
const MARGIN = { topMm: 18, rightMm: 18, bottomMm: 18, leftMm: 18 }

export function reportPage(size: 'A4' | 'Letter', landscape: boolean): ReportPage {
  const sheet = SHEETS[size]
  const widthMm = landscape ? sheet.heightMm : sheet.widthMm
  const heightMm = landscape ? sheet.widthMm : sheet.heightMm
  const round = (pt: number) => Math.floor(pt * 100) / 100
  return {
    size,
    landscape,
    widthMm,
    heightMm,
    margin: { ...MARGIN },
    contentWidthPt: round((widthMm - MARGIN.leftMm - MARGIN.rightMm) * PT_PER_MM),
    contentHeightPt: round((heightMm - MARGIN.topMm - MARGIN.bottomMm) * PT_PER_MM)
  }
}
