/**
 * How many pages a PDF has, without a PDF library: Chromium writes each page as an object of
 * `/Type /Page` in the clear (it does not pack objects into compressed streams), and the page
 * tree's root says `/Type /Pages … /Count N`. Enough for the PDFs our engines write; anything
 * else answers 0 rather than a guess.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
  if (pages) return pages
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((match) => Number(match[1]))
  return counts.length ? Math.max(...counts) : 0
}
