import { describe, expect, it } from 'vitest'
import { exportDocument, importFile } from '../../src/shared/codecs'
import type { FormatId } from '../../src/shared/codecs/types'
import { NOW, datasetWithNotes, fixture } from './codecs-timelinejs-helpers'

// The import picks the surest reader: each interchange file must be recognised as its format,
// not taken by the generic CSV or JSON readers (and vice versa).

const bytes = (text: string) => new TextEncoder().encode(text)

describe('recognising interchange files among all formats', () => {
  it.each([
    ['timelinejs.json', 'timelinejs-json'],
    ['timelinejs-google-sheet.csv', 'timelinejs-sheet'],
    ['timelinejs-old-template.csv', 'timelinejs-sheet'],
    ['timesketch.jsonl', 'timesketch-jsonl'],
    ['timesketch.csv', 'timesketch-csv'],
    ['vis-items.json', 'vis-items'],
    ['vis-items-array.json', 'vis-items']
  ])('%s is read as %s', (name, format) => {
    expect(importFile(bytes(fixture(name)), name, { now: NOW }).format).toBe(format)
  })

  it.each(['timelinejs-json', 'timelinejs-sheet', 'timesketch-csv', 'timesketch-jsonl'] as FormatId[])(
    'an export as %s comes back as the same format',
    (format) => {
      const file = exportDocument(datasetWithNotes(), format)
      const result = importFile(bytes(file.text), `export${file.extension}`, { now: NOW })
      expect(result.format).toBe(format)
      expect(result.status).toBe('ok')
    }
  )
})
