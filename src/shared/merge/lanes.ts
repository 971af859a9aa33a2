/**
 * Their lanes onto mine. Each of their lanes is suggested the lane of mine with the same id, else
 * the same name (case, spacing, accents and plurals aside), else the most similar name above a
 * threshold ("Leak" → "Leaks and disclosures", "Intel sharing" → "Intelligence sharing"); the
 * rest become new lanes. One of my lanes can take several of theirs. The user may change any of
 * it (LaneChoices). A new lane keeps its colour unless a lane of mine (or another new one) has it,
 * and then gets the first palette colour not in use, so that two lanes never look alike.
 */
import { nextLaneColor } from '../model/lane-palette'
import type { Group, TimelineDocument } from '../model/schema'
import { laneSimilarity } from './similarity'
import type { LaneChoices, LaneMatch } from './types'

/** Names at least this alike are suggested as the same lane. */
export const LANE_SIMILARITY_THRESHOLD = 0.7

/** Each of their lanes with the lane of mine it is suggested to go to (or none), in their order. */
export function suggestLanes(mine: Group[], theirs: TimelineDocument): LaneMatch[] {
  const mineIds = new Set(mine.map((lane) => lane.id))
  const events = new Map<string, number>()
  for (const item of theirs.items) events.set(item.groupId, (events.get(item.groupId) ?? 0) + 1)
  return [...theirs.groups]
    .sort((a, b) => a.order - b.order)
    .map((lane): LaneMatch => {
      const count = events.get(lane.id) ?? 0
      if (mineIds.has(lane.id))
        return { theirs: lane, target: lane.id, isNew: false, suggestedBy: 'id', score: 1, events: count }
      let best: Group | undefined
      let bestScore = 0
      for (const own of mine) {
        const score = laneSimilarity(lane.title, own.title)
        if (score > bestScore) {
          best = own
          bestScore = score
        }
      }
      if (best && bestScore >= LANE_SIMILARITY_THRESHOLD) {
        const suggestedBy = bestScore === 1 ? 'name' : 'similar-name'
        return { theirs: lane, target: best.id, isNew: false, suggestedBy, score: bestScore, events: count }
      }
      return { theirs: lane, target: lane.id, isNew: true, suggestedBy: null, score: 0, events: count }
    })
}

/**
 * The suggestion with the user's choices laid over it: a choice naming one of my lanes sends
 * their lane there; null makes it a new lane. A choice naming no lane of mine is ignored.
 */
export function mapLanes(
  mine: Group[],
  theirs: TimelineDocument,
  choices: LaneChoices = {}
): { lanes: LaneMatch[]; laneMap: Record<string, string>; newLanes: Group[] } {
  const mineIds = new Set(mine.map((lane) => lane.id))
  const lanes = suggestLanes(mine, theirs).map((match): LaneMatch => {
    if (!Object.hasOwn(choices, match.theirs.id)) return match
    const chosen = choices[match.theirs.id]
    if (chosen === null) return { ...match, target: match.theirs.id, isNew: true }
    if (chosen !== undefined && mineIds.has(chosen)) return { ...match, target: chosen, isNew: false }
    return match
  })
  // A new lane whose id one of mine already has would merge into that lane unasked: it gets a fresh id.
  const taken = new Set(mineIds)
  let order = Math.max(-1, ...mine.map((lane) => lane.order))
  const newLanes: Group[] = []
  const inUse: Pick<Group, 'color'>[] = [...mine]
  for (const match of lanes) {
    if (!match.isNew) continue
    let id = match.theirs.id
    for (let n = 2; taken.has(id); n++) id = `${match.theirs.id}-${n}`
    taken.add(id)
    match.target = id
    const colour = match.theirs.color.toLowerCase()
    const free = !inUse.some((lane) => lane.color.toLowerCase() === colour)
    const lane: Group = { ...match.theirs, id, color: free ? match.theirs.color : nextLaneColor(inUse), order: ++order }
    inUse.push(lane)
    newLanes.push(lane)
  }
  // fromEntries defines own properties, so a lane id such as "__proto__" is a key like any other.
  const laneMap = Object.fromEntries(lanes.map((match) => [match.theirs.id, match.target]))
  return { lanes, laneMap, newLanes }
}
