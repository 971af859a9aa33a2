import { SCHEMA_VERSION } from './schema'

type Json = Record<string, unknown>

/**
 * One step up the schema versions. Each takes a parsed document of version `from` and returns
 * one of version `from + 1`; steps run in order until the current version is reached.
 */
interface Migration {
  from: number
  describe: string
  up(doc: Json): Json
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
/** Entries that are not objects are passed through untouched, for the schema to report. */
const mapObjects = (value: unknown, map: (entry: Json, index: number) => Json): unknown =>
  Array.isArray(value) ? value.map((entry: unknown, index) => (isObject(entry) ? map(entry, index) : entry)) : value

/**
 * Version 0 was the pre-release draft format ("lanes" and "events", an event's date in "date").
 * No released build wrote it; it stays so that the migration path is exercised by real code.
 */
const v0ToV1: Migration = {
  from: 0,
  describe: 'lanes → groups, events → items, date/endDate → start/end',
  up(doc) {
    const { lanes, events, ...rest } = doc
    return {
      ...rest,
      schemaVersion: 1,
      groups: mapObjects(lanes, (lane, order) => ({
        id: lane.id,
        title: lane.name,
        color: lane.color,
        order
      })),
      items: mapObjects(events, ({ lane, date, endDate, text, ...event }) => ({
        ...event,
        groupId: lane,
        kind: endDate === undefined ? 'point' : 'range',
        start: date,
        ...(endDate === undefined ? {} : { end: endDate }),
        description: text ?? ''
      }))
    }
  }
}

/** A v1 minute: "2014-04-12T09:30Z". EDTF writes a time with its seconds. */
const V1_MINUTE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})Z$/

/** A v1 date as EDTF: a minute gains ":00" seconds; a year, month or day is EDTF already. */
export function v1DateToEdtf(value: string): string {
  return value.replace(V1_MINUTE, '$1:00Z')
}

/**
 * Version 2 dates are EDTF strings that carry their own precision. Every v1 date is already EDTF
 * at year, month or day precision; a v1 minute gains its seconds. The separate precision goes.
 */
const v1ToV2: Migration = {
  from: 1,
  describe: 'dates become EDTF (a minute gains ":00" seconds); precision is read from the date',
  up(doc) {
    const toEdtf = (value: unknown) => (typeof value === 'string' ? v1DateToEdtf(value) : value)
    return {
      ...doc,
      schemaVersion: 2,
      items: mapObjects(doc.items, ({ precision: _precision, start, end, ...item }) => ({
        ...item,
        start: toEdtf(start),
        ...(end === undefined ? {} : { end: toEdtf(end) })
      }))
    }
  }
}

const MIGRATIONS: Migration[] = [v0ToV1, v1ToV2]

/** Brings a parsed document of an older version up to SCHEMA_VERSION. It is not validated here. */
export function migrate(doc: Json, fromVersion: number): Json {
  let current = doc
  for (let version = fromVersion; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS.find((m) => m.from === version)
    if (!step) throw new Error(`no migration from schema version ${version}`)
    current = step.up(current)
  }
  return current
}

export const OLDEST_READABLE_VERSION = Math.min(...MIGRATIONS.map((m) => m.from), SCHEMA_VERSION)
