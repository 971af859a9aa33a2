/**
 * Issue 12: spreadsheets from LibreOffice and Excel in German, French, Spanish, Ukrainian and
 * Russian have their columns recognised, as English ones are, and read to the end.
 */
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/shared/codecs'
import { suggestMapping } from '../../src/shared/codecs/csv-columns'

const NOW = new Date('2026-01-10T09:00:00.000Z')

describe('headers in six languages', () => {
  it.each([
    ['German', ['Datum', 'Ende', 'Ereignis', 'Beschreibung', 'Kategorie', 'Schlagwörter', 'Notizen', 'Quelle', 'Link']],
    [
      'French',
      ['Date', 'Date de fin', 'Titre', 'Description', 'Catégorie', 'Mots-clés', 'Remarques', 'Source', 'Lien']
    ],
    [
      'Spanish',
      ['Fecha', 'Fecha de fin', 'Evento', 'Descripción', 'Categoría', 'Etiquetas', 'Notas', 'Fuente', 'Enlace']
    ],
    ['Ukrainian', ['Дата', 'Кінець', 'Подія', 'Опис', 'Категорія', 'Теги', 'Примітки', 'Джерело', 'Посилання']],
    ['Russian', ['Дата', 'Конец', 'Событие', 'Описание', 'Категория', 'Метки', 'Заметки', 'Источник', 'Ссылка']]
  ])('%s', (_, headers) => {
    const sample = [['2014-02-26', '2014-03-01', 'x', 'y', 'z', 'a', 'n', 'Reuters', 'https://example.org/a']]
    const { columns } = suggestMapping(headers, sample)
    expect(headers.map((h) => columns[h])).toEqual([
      'start',
      'end',
      'title',
      'description',
      'group',
      'tags',
      'notes',
      'sourceOutlet',
      'sourceUrl'
    ])
  })

  it('reads a Ukrainian sheet saved by Excel (semicolons, a BOM) to the end with its suggested mapping', () => {
    const text =
      '\ufeffДата;Подія;Опис;Джерело\r\n26.02.2014;СБУ звертається до ЦРУ;Опис події;https://example.org/a\r\n'
    const bytes = new TextEncoder().encode(text)
    const first = importFile(bytes, 'події.csv', { now: NOW })
    if (first.status !== 'needs-mapping') throw new Error(first.status)
    expect(first.suggested.columns).toEqual({
      Дата: 'start',
      Подія: 'title',
      Опис: 'description',
      Джерело: 'sourceUrl'
    })
    const second = importFile(bytes, 'події.csv', { now: NOW, mapping: first.suggested })
    if (second.status !== 'ok') throw new Error(JSON.stringify(second.problems))
    expect(second.document.items.map((i) => [i.start, i.title])).toEqual([['2014-02-26', 'СБУ звертається до ЦРУ']])
  })
})
