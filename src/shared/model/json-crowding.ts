/**
 * A guard before JSON.parse on a file from outside. V8 spends 30–60 bytes on every object and
 * array it builds, so a file of nothing but `{},` takes 40–120× its size to parse (issue 9: peak
 * memory under 10× the input). Real timeline files spend far more text on each object (an event in
 * the sparsest format, `{"start":"2014"}`, is 16 characters), so a file with more than one `{` or
 * `[` in every 12 characters is refused before it is parsed. Braces inside strings count too: a
 * file would need a brace in every 12 characters of its text for them to matter.
 */
const CHARACTERS_PER_CONTAINER = 12
/** Below this the parse costs too little to matter, and tiny test files stay untouched. */
const SMALLEST_CHECKED = 64 * 1024

/** A problem message when `text` is too crowded with objects and arrays to parse; null when it is not. */
export function crowdedJson(text: string): string | null {
  if (text.length < SMALLEST_CHECKED) return null
  const allowed = text.length / CHARACTERS_PER_CONTAINER
  const braces = occurrences(text, '{', allowed)
  if (braces + occurrences(text, '[', allowed - braces) <= allowed) return null
  return (
    `is not read: it holds more than one object or list in every ${CHARACTERS_PER_CONTAINER} characters, ` +
    'far more than any timeline file, and reading it would take many times its size in memory'
  )
}

/**
 * How often `char` occurs, counting no further than just past `limit`. indexOf, not a loop over
 * every character: on a 150 MB document it takes 30 ms where the loop took 260–1,200 ms, more than
 * the parse it guards.
 */
function occurrences(text: string, char: string, limit: number): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1 && count <= limit; at = text.indexOf(char, at + 1)) count++
  return count
}
