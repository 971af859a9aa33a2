/**
 * The overview's date axis over long periods: a step so fine that the period holds thousands of
 * its units is not a candidate (its ticks were cut short and its labels left out, so that a
 * 35-year axis once came out as a grey smear of hour ticks with no label at all).
 */
import { describe, expect, it } from 'vitest'
import { layoutAxis } from '../../src/shared/report/axis'

const year = (y: number) => Date.UTC(y, 0, 1)

describe('layoutAxis', () => {
  it.each([
    [1990, 2025, 388],
    [1900, 2025, 388],
    [2014, 2026, 600],
    [1990, 2025, 200]
  ])('labels %i–%i over %i pt with years, a few dozen ticks', (from, to, width) => {
    const axis = layoutAxis(year(from), year(to), 10, width, 6.5, 0)
    expect(axis.labels.length).toBeGreaterThan(2)
    for (const label of axis.labels) expect(label.text).toMatch(/^\d{4}$/)
    expect(axis.ticks.length).toBeLessThan(width / 2.5 + 2)
    expect(axis.ticks.every((tick) => tick.x >= 10 - 1e-6 && tick.x <= 10 + width + 1e-6)).toBe(true)
  })

  it('still labels a short period by days under its month', () => {
    const axis = layoutAxis(Date.UTC(2022, 2, 1), Date.UTC(2022, 3, 1), 0, 400, 6.5, 0)
    expect(axis.lines).toBe(2)
    expect(axis.labels.some((label) => label.text === '15')).toBe(true)
    expect(axis.labels.some((label) => label.strong && /March 2022|Mar 2022/.test(label.text))).toBe(true)
  })
})
