/**
 * The word table a build carries to the page (search-build.ts): every word is found at its id,
 * and a word not in it is not found, whatever the hashes share.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { findWord, WordsBuilder } from '@shared/view/search-build'

function built(texts: string[]) {
  const builder = new WordsBuilder()
  builder.add({ texts, starts: texts.map(() => 0), startTexts: texts.map(() => '2020') })
  return builder.build()
}

it('finds each word of a build at its id, and no other word', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' })),
      fc.string(),
      (words, other) => {
        const { words: ids, table } = built([words.join(' ')])
        ids.forEach((word, id) => expect(findWord(table, ids, word)).toBe(id))
        if (!ids.includes(other)) expect(findWord(table, ids, other)).toBeUndefined()
      }
    ),
    { numRuns: 300 }
  )
})

it('finds every one of a hundred thousand words, sharing places in a half-full table', () => {
  const texts = Array.from({ length: 1_000 }, (_, event) =>
    Array.from({ length: 100 }, (_, n) => `w${event * 100 + n}`).join(' ')
  )
  const { words, table } = built(texts)
  expect(words).toHaveLength(100_000)
  expect(table.length).toBeGreaterThanOrEqual(2 * words.length)
  expect(words.every((word, id) => findWord(table, words, word) === id)).toBe(true)
  expect(findWord(table, words, 'w100000')).toBeUndefined()
})
