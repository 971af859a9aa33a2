/**
 * The @page rule for this report: paper size and orientation from the model, and the running
 * header and "Page N of M" footer as page-margin boxes (Chromium 131+), so that they are set in
 * the bundled font and printed by any Chromium with preferCSSPageSize. The page's CSP allows no
 * inline <style>, so the rule goes into a constructed stylesheet adopted by the document (CSSOM).
 */
import type { ReportModel } from '@shared/report/model'

let sheet: CSSStyleSheet | null = null

export function applyPageStyle(model: ReportModel): void {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  }
  sheet.replaceSync(pageRule(model))
}

export function pageRule(model: ReportModel): string {
  const { page } = model
  const { topMm, rightMm, bottomMm, leftMm } = page.margin
  const size = `${page.size === 'A4' ? 'A4' : 'letter'} ${page.landscape ? 'landscape' : 'portrait'}`
  const box = `font-family: 'Noto Sans', sans-serif; font-size: 7.5pt; color: #5f5f5f;`
  return `@page {
  size: ${size};
  margin: ${topMm}mm ${rightMm}mm ${bottomMm}mm ${leftMm}mm;
  @top-left { content: ${cssString(model.runningTitle)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(model.exported)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; padding-top: 3mm; }
}`
}

/** A CSS string literal that no title can break out of: everything but letters and digits is escaped. */
export function cssString(text: string): string {
  let out = '"'
  for (const char of text) {
    out += /[\p{L}\p{N} ]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `
  }
  return `${out}"`
}
