import { describe, expect, it } from 'vitest'
import { perObject } from '../../src/shared/per-object'

describe('perObject', () => {
  it('works a value out once per object, and again for a replacement with the same contents', () => {
    const calls: string[] = []
    const shout = perObject((note: { body: string }) => {
      calls.push(note.body)
      return note.body.toUpperCase()
    })
    const note = { body: 'check the log' }
    expect(shout(note)).toBe('CHECK THE LOG')
    expect(shout(note)).toBe('CHECK THE LOG')
    expect(calls).toEqual(['check the log'])
    const edited = { ...note, body: 'checked' }
    expect(shout(edited)).toBe('CHECKED')
    expect(shout({ ...note })).toBe('CHECK THE LOG')
    expect(calls).toEqual(['check the log', 'checked', 'check the log'])
  })

  it('remembers a value that is undefined or falsy too', () => {
    let calls = 0
    const nothing = perObject(() => (calls++, undefined))
    const key = {}
    nothing(key)
    nothing(key)
    expect(calls).toBe(1)
  })
})
