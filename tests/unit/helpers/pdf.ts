/**
 * Reads a PDF back the way a reader's viewer would, with pdf.js (the legacy build runs in Node):
 * each page's size in points and its text, in reading order.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfPage {
  /** Points (1/72 inch): A4 portrait is 595 × 842, Letter landscape 792 × 612. */
  width: number
  height: number
  /** The page's text runs joined by spaces, whitespace collapsed. */
  text: string
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: give it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise
  try {
    const pages: PdfPage[] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number)
      const [x0, y0, x1, y1] = page.view as [number, number, number, number]
      const content = await page.getTextContent()
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim()
      pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text })
    }
    return pages
  } finally {
    await pdf.destroy()
  }
}
