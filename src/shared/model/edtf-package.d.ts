// The `edtf` package (https://github.com/inukshuk/edtf.js) ships no types; this declares the part used.
declare module 'edtf' {
  export interface ParseResult {
    type: 'Date' | 'Season' | 'Year' | 'Decade' | 'Century' | 'Interval' | 'List' | 'Set'
    level: number
    values: number[]
    /** true, or a bitmask of the qualified components; absent or 0 when not qualified */
    approximate?: boolean | number
    uncertain?: boolean | number
    /** bitmask of the digits written X */
    unspecified?: number
    /** minutes east of UTC, when a time of day is given */
    offset?: number
    /** "+02:00"; absent for a local time without Z or an offset */
    timeZone?: string
  }
  export interface ParseConstraints {
    level?: number
    types?: string[]
    seasonIntervals?: boolean
    seasonUncertainty?: boolean
  }
  export interface ExtDateTime {
    readonly min: number
    readonly max: number
    readonly edtf: string
  }
  export function parse(input: string, constraints?: ParseConstraints): ParseResult
  export default function edtf(input: string | ParseResult, constraints?: ParseConstraints): ExtDateTime
}
