/**
 * renderReport(model): the print view's one entry point. It draws the model into the page, sets
 * the paper from it, waits until every font the text needs is loaded and the layout is done, and
 * resolves: the caller prints right after. It never waits for an animation frame, which a hidden
 * window does not get.
 */
import { REPORT_MODEL_VERSION, type ReportModel } from '@shared/report/model'
import { chronologySection } from './chronology'
import { h } from './dom'
import { overviewSection } from './overview-svg'
import { applyPageStyle } from './page-style'
import { titleBlock } from './title-block'

/** The faces the report uses; each is loaded for exactly the characters the report holds. */
const FACES = ['400', '600', '700', 'italic 400', 'italic 700']

export async function renderReport(model: ReportModel): Promise<{ pages?: number }> {
  if (!model || model.version !== REPORT_MODEL_VERSION)
    throw new Error(`This print view reads report model version ${REPORT_MODEL_VERSION}, not ${model?.version}.`)
  const root =
    document.getElementById('report') ??
    document.body.appendChild(h('main', { class: 'report', attrs: { id: 'report' } }))
  applyPageStyle(model)
  document.title = model.title
  document.documentElement.classList.toggle('landscape', model.page.landscape)
  // On screen the page is drawn at the paper's width, so that what is measured here is what prints.
  const { page } = model
  root.style.width = `${page.widthMm}mm`
  root.style.padding = `${page.margin.topMm}mm ${page.margin.rightMm}mm ${page.margin.bottomMm}mm ${page.margin.leftMm}mm`
  const head = titleBlock(model)
  const overview = overviewSection(model.overview)
  const chronology = chronologySection(model)
  root.replaceChildren(head, overview, chronology)
  await fontsFor(root.textContent ?? '')
  // Measured with the fonts in place, at the paper's width: what prints is what is measured here.
  markLongBlocks(chronology, model.page.contentHeightPt * PX_PER_PT * LONG_FRACTION)
  void root.getBoundingClientRect().height
  return {}
}

const PX_PER_PT = 96 / 72
/**
 * An entry (or a note) taller than this share of a page may break across pages; a shorter one is
 * kept whole. Kept whole, an entry that does not fit at the foot of a page leaves the rest of the
 * page blank, up to its own height; broken, it starts there, its header kept with its first lines.
 * A fifth: the dataset's typical entry (a few lines and two or three sources) is about a quarter
 * of a page, and at a third whole quarters of pages were left blank before such entries.
 */
export const LONG_FRACTION = 1 / 5

function markLongBlocks(chronology: HTMLElement, limitPx: number): void {
  // Every height is read before any class is set: a class set between two reads makes the next
  // read lay the whole report out again, which at 10,000 entries took longer than the print limit.
  const blocks = [...chronology.querySelectorAll<HTMLElement>('.entry, .note')]
  const long = blocks.map((block) => height(block) > limitPx)
  // Chromium breaks a paragraph too short for orphans and widows against them (a lone line at the
  // top of the next page) rather than earlier; kept whole, it moves with the lines before it.
  const paragraphs = [...chronology.querySelectorAll<HTMLElement>('.markdown > *')]
  const whole = paragraphs.map(
    (block) => height(block) < (parseFloat(getComputedStyle(block).lineHeight) || 13) * SHORT_LINES
  )
  blocks.forEach((block, i) => block.classList.toggle('long', long[i]!))
  paragraphs.forEach((block, i) => block.classList.toggle('whole', whole[i]!))
}

/** A paragraph of fewer lines than this is kept whole: orphans (3) and widows (2) cannot both be had. */
const SHORT_LINES = 4.5

/** The block's height summed over its fragments (in landscape the entries run in columns). */
function height(element: HTMLElement): number {
  return [...element.getClientRects()].reduce((sum, rect) => sum + rect.height, 0)
}

async function fontsFor(text: string): Promise<void> {
  const characters = [...new Set(text)].join('') || 'a'
  await Promise.all(FACES.map((face) => document.fonts.load(`${face} 12px "Noto Sans"`, characters)))
  await document.fonts.ready
}
