/**
 * Issue 10: a large document is parsed in parts (its events a few thousand at a time) so that
 * opening it does not freeze the window. Whatever the JSON's layout, the parts make exactly the
 * document JSON.parse makes of the whole text.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { findItems, parseInParts } from '@shared/model/document-parts'
import dataset from '../../resources/datasets/us-ukraine-intelligence-2014-2025.chronotes.json'

const encode = (text: string) => new TextEncoder().encode(text)
const pause = () => Promise.resolve()

async function viaParts(text: string, perPart: number): Promise<unknown> {
  const bytes = encode(text)
  const layout = findItems(bytes)
  if (!layout) throw new Error('no items array found')
  return parseInParts(bytes, layout, perPart, pause)
}

describe('parsing a document in parts', () => {
  test('the bundled dataset, compact and indented, in parts of any size', async () => {
    for (const text of [JSON.stringify(dataset), JSON.stringify(dataset, null, 2)])
      for (const perPart of [1, 7, 88, 1000]) expect(await viaParts(text, perPart)).toEqual(JSON.parse(text))
  })

  test('strings holding brackets, commas, quotes, backslashes and any character', async () => {
    const item = fc.record({
      id: fc.string(),
      title: fc.string({ unit: 'binary' }),
      tags: fc.array(fc.string({ unit: 'grapheme' })),
      notes: fc.array(
        fc.record({ body: fc.constantFrom('a, b', '[x]', '{"items": [1]}', '\\', '"', '\\"],', 'é 中 😀') })
      )
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(item),
        fc.string(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        async (items, title, itemsFirst, indented, perPart) => {
          const doc = itemsFirst ? { items, title, groups: [] } : { title, groups: [{ id: 'items' }], items }
          const text = JSON.stringify(doc, null, indented ? 1 : undefined)
          expect(await viaParts(text, perPart)).toEqual(JSON.parse(text))
        }
      )
    )
  })

  test('an "items" key anywhere else (in an event, as a value, in a lane) is not taken for the events', async () => {
    const text =
      '{ "title": "items", "groups": [{ "items": [1, 2] }], "items" : [ {"id": "a", "items": [3]} ,{"id":"b"} ], "meta": { "items": [] } }'
    expect(await viaParts(text, 1)).toEqual(JSON.parse(text))
    expect(findItems(encode(text))!.commas).toHaveLength(1)
  })

  test('of duplicate "items" keys the last counts, as in JSON.parse', async () => {
    const text = '{"items": [{"id": "old"}], "title": "t", "items": [{"id": "new"}, {"id": "newer"}]}'
    expect(await viaParts(text, 1)).toEqual(JSON.parse(text))
  })

  test('an empty events array, and a text without one', async () => {
    expect(await viaParts('{"title": "t", "items": [ \n ]}', 5)).toEqual({ title: 't', items: [] })
    expect(findItems(encode('{"title": "t", "groups": []}'))).toBeNull()
    expect(findItems(encode('["items", []]'))).toBeNull()
  })
})
