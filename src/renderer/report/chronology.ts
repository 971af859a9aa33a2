/**
 * The annotated chronology: every event in date order under the number it has in the figure,
 * with its date, lane, confidence, description, sources and notes. Markdown goes through the
 * app's sanitiser (no scripts, no remote images, only http(s) and mailto links).
 */
import type { ReportEntry, ReportModel, ReportNote, ReportSource } from '@shared/report/model'
import { renderPrintMarkdown } from './markdown'
import { h } from './dom'
import { chip } from './title-block'
import { shade } from './colors'
import { inkOn } from '@shared/report/format'

export function chronologySection(model: ReportModel): HTMLElement {
  const section = h(
    'section',
    { class: 'chronology', attrs: { 'aria-labelledby': 'chronology-heading' } },
    h('h2', { attrs: { id: 'chronology-heading' } }, 'Chronology')
  )
  if (!model.entries.length)
    section.append(h('p', { class: 'empty' }, 'No events match the choices made for this report.'))
  // In landscape the entries run in two columns: a line across a landscape page is too long to read.
  const entries = h('div', { class: 'entries' })
  let heading = ''
  for (const entry of model.entries) {
    if (entry.section !== heading) {
      heading = entry.section
      entries.append(h('h3', { class: 'section' }, heading))
    }
    entries.append(entryBlock(entry))
  }
  section.append(entries)
  return section
}

/** An entry is kept whole on its page; renderReport marks a tall one `long`, which may break. */
function entryBlock(entry: ReportEntry): HTMLElement {
  return h(
    'article',
    {
      class: 'entry',
      attrs: { id: `event-${entry.number}`, 'data-number': String(entry.number), 'data-id': entry.id }
    },
    numberBadge(entry),
    h(
      'div',
      { class: 'entry-head' },
      h('p', { class: 'entry-date' }, entry.date),
      h('h4', { class: 'entry-title' }, entry.title),
      h(
        'p',
        { class: 'entry-meta' },
        h('span', { class: 'lane' }, chip(entry.laneColor), entry.laneTitle),
        h('span', { class: `confidence confidence-${entry.confidence}` }, entry.confidenceLabel),
        entry.tags.length > 0 && h('span', { class: 'tags' }, entry.tags.join(', '))
      )
    ),
    entry.description.trim() && markdown('entry-description', entry.description),
    entry.sources.length > 0 && sources(entry.sources),
    entry.notes.length > 0 && notes(entry.notes)
  )
}

/** The event's number drawn as in the figure: filled, or hollow when its date is only a month or year. */
function numberBadge(entry: ReportEntry): HTMLElement {
  const hollow = entry.kind === 'point' && !(entry.precision === 'day' || entry.precision === 'second')
  const badge = h('span', {
    class: `entry-number${hollow ? ' hollow' : ''}`,
    attrs: { 'aria-label': `Event ${entry.number}` }
  })
  badge.textContent = String(entry.number)
  // Colours through the CSSOM (element.style), which the CSP allows; style attributes in markup it does not.
  badge.style.backgroundColor = hollow ? '#ffffff' : entry.laneColor
  badge.style.borderColor = shade(entry.laneColor, 0.2)
  badge.style.color = hollow ? '#000000' : inkOn(entry.laneColor)
  return badge
}

function sources(list: ReportSource[]): HTMLElement {
  return h(
    'div',
    { class: 'entry-sources' },
    h('h5', null, list.length === 1 ? 'Source' : 'Sources'),
    h(
      'ol',
      null,
      list.map((source) =>
        h(
          'li',
          null,
          source.outlet && h('span', { class: 'outlet' }, source.outlet),
          source.outlet && source.title && ', ',
          source.title && h('cite', null, source.title),
          source.published && h('span', { class: 'published' }, ` (${source.published})`),
          source.url && h('a', { class: 'url', attrs: { href: source.url } }, source.url)
        )
      )
    )
  )
}

function notes(list: ReportNote[]): HTMLElement {
  return h(
    'div',
    { class: 'entry-notes' },
    h('h5', null, list.length === 1 ? 'Note' : `Notes (${list.length})`),
    list.map((note) =>
      h(
        'div',
        { class: 'note', attrs: { 'data-note': note.id } },
        h(
          'p',
          { class: 'note-meta' },
          h('span', { class: 'note-author' }, note.author),
          h('span', { class: 'note-date' }, note.created),
          note.edited && h('span', { class: 'note-edited' }, `edited ${note.edited}`)
        ),
        markdown('note-body', note.body)
      )
    )
  )
}

/** Sanitised Markdown; a link whose text is not its address shows the address too, for paper. */
function markdown(className: string, source: string): HTMLElement {
  const container = h('div', { class: `markdown ${className}` })
  container.innerHTML = renderPrintMarkdown(source)
  for (const link of container.querySelectorAll('a')) {
    const href = link.getAttribute('href') ?? ''
    if (!/^https?:/i.test(href) && !/^mailto:/i.test(href)) link.removeAttribute('href')
    else if (link.textContent?.trim() !== href && link.textContent?.trim() !== href.replace(/^mailto:/i, ''))
      link.after(h('span', { class: 'link-address' }, ` (${href})`))
  }
  return container
}
