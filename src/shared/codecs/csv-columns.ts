/**
 * Which event field a spreadsheet column holds, guessed from its header the way a person would
 * read it: "Start date", "start_date" and "START DATE (UTC)" are the same column. The guess only
 * pre-fills the mapping step; the user confirms it.
 */
import type { EventField, TableMapping } from './types'

/** The columns Chronotes' own CSV export writes, in order. */
export const EXPORT_COLUMNS = [
  'id',
  'start',
  'end',
  'displayDate',
  'kind',
  'lane',
  'title',
  'description',
  'tags',
  'confidence',
  'notes',
  'sources',
  'laneId',
  'laneColor',
  'laneOrder',
  'createdAt',
  'updatedAt'
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** "Start Date (UTC)" → "startdate", "Дата початку" → "датапочатку": case, spaces, punctuation, digits, accents and notes in brackets ignored. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .toLowerCase()
    .replace(/colour/g, 'color')
    .replace(/[^\p{L}]/gu, '')
}

/**
 * The same fields in German, French, Spanish, Ukrainian and Russian, as LibreOffice and Excel
 * users name them. Written as people write them; normalised like any header.
 */
// prettier-ignore -- one language to a line reads better than one word to a line
const TRANSLATED: Partial<Record<EventField, string[]>> = {
  id: ['Kennung', 'Identifiant', 'Identificador', 'Ідентифікатор', 'Идентификатор'],
  start: [
    'Datum',
    'Startdatum',
    'Beginn',
    'Anfang',
    'Zeitpunkt',
    'Von',
    'Date de début',
    'Début',
    'Du',
    'Fecha',
    'Fecha de inicio',
    'Inicio',
    'Desde',
    'Дата',
    'Дата початку',
    'Початок',
    'Від',
    'Дата начала',
    'Начало'
  ],
  end: [
    'Ende',
    'Enddatum',
    'Bis',
    'Date de fin',
    'Fin',
    'Au',
    'Fecha de fin',
    'Fecha final',
    'Hasta',
    'Кінець',
    'Дата завершення',
    'Дата закінчення',
    'До',
    'Конец',
    'Дата окончания',
    'Дата завершения'
  ],
  title: [
    'Titel',
    'Ereignis',
    'Überschrift',
    'Bezeichnung',
    'Was',
    'Titre',
    'Événement',
    'Intitulé',
    'Nom',
    'Título',
    'Evento',
    'Suceso',
    'Nombre',
    'Назва',
    'Подія',
    'Заголовок',
    'Название',
    'Событие'
  ],
  description: [
    'Beschreibung',
    'Inhalt',
    'Zusammenfassung',
    'Détails',
    'Texte',
    'Résumé',
    'Descripción',
    'Detalles',
    'Texto',
    'Resumen',
    'Опис',
    'Деталі',
    'Текст',
    'Зміст',
    'Описание',
    'Подробности',
    'Содержание'
  ],
  group: [
    'Gruppe',
    'Kategorie',
    'Bereich',
    'Thema',
    'Groupe',
    'Catégorie',
    'Thème',
    'Grupo',
    'Categoría',
    'Tema',
    'Група',
    'Категорія',
    'Тема',
    'Группа',
    'Категория'
  ],
  tags: [
    'Schlagwörter',
    'Schlagworte',
    'Stichwörter',
    'Mots-clés',
    'Étiquettes',
    'Etiquetas',
    'Palabras clave',
    'Теги',
    'Мітки',
    'Ключові слова',
    'Метки',
    'Ключевые слова'
  ],
  confidence: [
    'Zuverlässigkeit',
    'Glaubwürdigkeit',
    'Verlässlichkeit',
    'Fiabilité',
    'Confiance',
    'Fiabilidad',
    'Confianza',
    'Достовірність',
    'Надійність',
    'Достоверность',
    'Надёжность'
  ],
  notes: [
    'Notizen',
    'Anmerkungen',
    'Kommentare',
    'Bemerkungen',
    'Remarques',
    'Commentaires',
    'Notas',
    'Comentarios',
    'Observaciones',
    'Нотатки',
    'Примітки',
    'Коментарі',
    'Заметки',
    'Примечания',
    'Комментарии'
  ],
  sourceTitle: ['Quelle', 'Quellen', 'Fuente', 'Fuentes', 'Джерело', 'Джерела', 'Источник', 'Источники'],
  sourceOutlet: ['Zeitung', 'Verlag', 'Média', 'Journal', 'Medio', 'Periódico', 'Видання', 'ЗМІ', 'Издание', 'СМИ'],
  sourceUrl: ['Webseite', 'Lien', 'Enlace', 'Посилання', 'Ссылка'],
  sourcePublished: [
    'Veröffentlicht',
    'Veröffentlichungsdatum',
    'Publié',
    'Date de publication',
    'Publicado',
    'Fecha de publicación',
    'Опубліковано',
    'Дата публікації',
    'Опубликовано',
    'Дата публикации'
  ]
}

/**
 * Header words per field, most telling first. A field listed under `single` takes one column
 * (the best match); the others may take several (two "URL" columns make two sources).
 */
const NAMES: [EventField, string[]][] = [
  ['id', ['id', 'uid', 'uuid', 'eventid', 'uniqueid', 'identifier', 'ref', 'referenceid']],
  [
    'start',
    [
      'start',
      'startdate',
      'date',
      'begin',
      'begins',
      'begindate',
      'from',
      'datefrom',
      'when',
      'eventdate',
      'startdatetime',
      'datetime',
      'timestamp',
      'startyear',
      'year'
    ]
  ],
  ['end', ['end', 'enddate', 'to', 'until', 'dateto', 'finish', 'ends', 'enddatetime', 'stop', 'endyear']],
  ['title', ['title', 'headline', 'event', 'name', 'eventname', 'eventtitle', 'heading', 'what', 'label', 'subject']],
  ['description', ['description', 'text', 'details', 'detail', 'body', 'content', 'desc', 'summary', 'synopsis']],
  [
    'group',
    ['group', 'lane', 'category', 'track', 'theme', 'section', 'desk', 'groupname', 'lanename', 'type', 'eventtype']
  ],
  ['tags', ['tags', 'tag', 'keywords', 'keyword', 'labels', 'topics']],
  ['confidence', ['confidence', 'reliability', 'certainty', 'credibility', 'verification']],
  ['notes', ['notes', 'note', 'comments', 'comment', 'remarks', 'remark', 'annotations', 'annotation', 'analystnotes']],
  [
    'sourceTitle',
    ['sourcetitle', 'source', 'sources', 'articletitle', 'citation', 'reference', 'references', 'sourcename']
  ],
  ['sourceOutlet', ['outlet', 'publication', 'publisher', 'sourceoutlet', 'newspaper', 'media', 'medium']],
  ['sourceUrl', ['url', 'urls', 'link', 'links', 'sourceurl', 'sourcelink', 'href', 'website', 'web', 'sourceurls']],
  ['sourcePublished', ['published', 'publicationdate', 'publisheddate', 'publishedon', 'datepublished', 'sourcedate']]
]
for (const entry of NAMES) {
  const more = (TRANSLATED[entry[0]] ?? []).map(normaliseHeader).filter((name) => !entry[1].includes(name))
  entry[1] = [...entry[1], ...more]
}
const MULTIPLE = new Set<EventField>(['tags', 'notes', 'sourceUrl', 'description'])

/** Chronotes' export headers that no mapping field holds; the mapping step leaves them out. */
const EXPORT_ONLY = new Set([
  'precision',
  'displaydate',
  'kind',
  'laneid',
  'lanecolor',
  'laneorder',
  'createdat',
  'updatedat'
])

/** Whether the headers are those of Chronotes' own CSV export, which is read without a mapping step. */
export function isChronotesExport(headers: string[]): boolean {
  const present = new Set(headers.map(normaliseHeader))
  // Exports of schema version 1 had a precision column instead of displayDate; they read the same way.
  return EXPORT_COLUMNS.filter((c) => (!c.startsWith('lane') || c === 'lane') && c !== 'displayDate').every((c) =>
    present.has(c.toLowerCase())
  )
}

/** The index of each export column in the file's headers (-1 when absent). */
export function exportColumnIndexes(headers: string[]): Record<ExportColumn, number> {
  const normalised = headers.map(normaliseHeader)
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, normalised.indexOf(c.toLowerCase())])) as Record<
    ExportColumn,
    number
  >
}

const looksLikeUrl = (value: string) => /^\s*(https?:\/\/|www\.)\S+/i.test(value)
const looksLikeJsonList = (value: string) => /^\s*\[\s*[{\]]/.test(value)

/**
 * The pre-filled mapping: each header matched against the names above (best match wins a
 * single-column field), a "Source" column holding web addresses taken as URLs, the rest ignored.
 */
export function suggestMapping(headers: string[], sample: string[][]): TableMapping {
  const columns: Record<string, EventField> = Object.fromEntries(headers.map((h) => [h, 'ignore' as EventField]))
  const candidates: { header: string; field: EventField; rank: number }[] = []
  headers.forEach((header, index) => {
    const key = normaliseHeader(header)
    if (EXPORT_ONLY.has(key)) return
    for (const [field, names] of NAMES) {
      const rank = names.indexOf(key)
      if (rank < 0) continue
      const values = sample.map((row) => row[index] ?? '').filter((v) => v.trim())
      const urls = values.filter(looksLikeUrl).length
      const asSource =
        (field === 'sourceTitle' || field === 'sourceOutlet') &&
        values.length > 0 &&
        (urls * 2 >= values.length || values.every(looksLikeJsonList))
      // "Source" holding names like "Reuters" or "Kyiv Post" names outlets; longer text, titles.
      const outlets =
        ['source', 'sources', 'sourcename', 'quelle', 'fuente', 'джерело', 'источник'].includes(key) &&
        values.length > 0 &&
        values.every((v) => v.length <= 40 && v.trim().split(/\s+/).length <= 4)
      candidates.push({ header, field: asSource ? 'sourceUrl' : outlets ? 'sourceOutlet' : field, rank })
      break
    }
  })
  const taken = new Set<EventField>()
  for (const candidate of candidates.sort((a, b) => a.rank - b.rank)) {
    if (taken.has(candidate.field) && !MULTIPLE.has(candidate.field)) continue
    columns[candidate.header] = candidate.field
    taken.add(candidate.field)
  }
  return { columns, dateOrder: {} }
}
