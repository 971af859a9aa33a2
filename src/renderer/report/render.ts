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
  // Reading layout makes it happen now, with the fonts in place.
  chronology.classList.toggle('follows', fitsFirstPage(model, head.offsetHeight + overview.offsetHeight))
  void root.getBoundingClientRect().height
  return {}
}

/**
 * Whether the chronology can start on the overview's page: when the title block and the whole
 * figure fill less than three quarters of the first page (a short selection), a page break would
 * waste most of a sheet; otherwise the chronology starts on a page of its own.
 */
function fitsFirstPage(model: ReportModel, heightPx: number): boolean {
  const PX_PER_PT = 96 / 72
  return heightPx < model.page.contentHeightPt * PX_PER_PT * 0.75
}

async function fontsFor(text: string): Promise<void> {
  const characters = [...new Set(text)].join('') || 'a'
  await Promise.all(FACES.map((face) => document.fonts.load(`${face} 12px "Noto Sans"`, characters)))
  await document.fonts.ready
}
