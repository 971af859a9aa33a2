import { readDocument, serializeDocument } from '@shared/model/document'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'

/** The bundled dataset sixty times over (5,280 events), each copy with ids of its own, as a file's text. */
export function largeDatasetText(): string {
  const read = readDocument(JSON.stringify(dataset))
  if (!read.ok) throw new Error('the bundled dataset does not validate')
  const doc = read.document
  const items = Array.from({ length: 60 }, (_, copy) =>
    doc.items.map((item) => ({ ...item, id: `${item.id}-${copy}` }))
  ).flat()
  return serializeDocument({ ...doc, items })
}
