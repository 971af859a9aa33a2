/** Ids are random UUIDs: stable forever, and how a colleague's copy of an event is recognised. */
export function newId(): string {
  return globalThis.crypto.randomUUID()
}
