/**
 * `compute` remembered per object: for what is derived from a document's events and notes, which
 * are replaced on each edit, never changed, so a value worked out once for an object stays right.
 */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>()
  return (key) => {
    if (values.has(key)) return values.get(key)!
    const value = compute(key)
    values.set(key, value)
    return value
  }
}
