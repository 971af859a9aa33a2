/** The guard before JSON.parse: objects and lists together, counted against one per 12 characters. */
import { describe, expect, it } from 'vitest'
import { crowdedJson } from '../../src/shared/model/json-crowding'

/** `containers` opening braces in a text of exactly `length` characters. */
function textWith(containers: number, length: number): string {
  return '{'.repeat(containers) + ' '.repeat(length - containers)
}

describe('crowdedJson', () => {
  const length = 120_000 // over the 64 KB below which nothing is checked; 10,000 containers allowed
  it('lets a file with one object or list per 12 characters through, and refuses one more', () => {
    expect(crowdedJson(textWith(10_000, length))).toBeNull()
    expect(crowdedJson(textWith(10_001, length))).toMatch(/more than one object or list in every 12 characters/)
  })

  it('counts brackets with braces', () => {
    const half = '['.repeat(5_001) + '{'.repeat(5_000)
    expect(crowdedJson(half + ' '.repeat(length - half.length))).not.toBeNull()
  })

  it('does not check small files', () => {
    expect(crowdedJson('{}'.repeat(30_000))).toBeNull()
  })
})
