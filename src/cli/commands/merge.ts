import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pickReader } from '../../shared/codecs'
import { applyMerge, compareDocuments, defaultChoice, defaultMergeChoices } from '../../shared/merge'
import type { Comparison, LaneMatch, MergeChoice, MergePlan } from '../../shared/merge/types'
import { applyCommand, isNoop } from '../../shared/model/commands'
import { readDocument, serializeDocument } from '../../shared/model/document'
import { countProblems, describeProblemCounts, sortProblems, type Problem } from '../../shared/model/problems'
import type { TimelineDocument } from '../../shared/model/schema'
import { writeFileVerified } from '../../main/services/fs-utils'
import { EXIT, printProblems, UsageError, type CliCommand } from '../command'
import { count, printHelp, READ_OPTIONS, readColleagueFile, readerFormat, shellWord } from './convert'

/** Formats whose records are rows, for "1 row cannot be read". */
const TABLES: readonly string[] = ['csv', 'timelinejs-sheet', 'timesketch-csv']

const PREFERENCES = ['mine', 'theirs', 'both'] as const satisfies readonly MergeChoice[]

const HELP = `Merges a colleague's file THEIRS into MINE (a Chronotes file) and writes the result to OUT
as a Chronotes file; MINE itself is not changed.

Events are matched by id, then by an earlier merge of the same file, then by title and date.
Their new events are always added, identical ones skipped, and an event that differs only in
notes gains their notes. For events whose fields differ (changed on their side, on mine, or in
conflict):
  --prefer mine         keep mine
  --prefer theirs       take theirs
  --prefer both         keep both, side by side
  (without --prefer: take theirs where only they changed it, keep mine otherwise)
An event of theirs on a date close to one of mine with a similar title is a likely duplicate:
both are kept unless
  --merge-duplicates    merge each into mine (my fields; notes and sources united)
Their lanes go to mine with the same id, name or a similar name; the rest are added, in colours
no lane of mine has. Notes are never dropped: notes from both sides are united, and a note
changed on both sides keeps both versions.

  -o, --output OUT      the file to write (required); written atomically
  --from, --map, --date-order
                        how to read THEIRS, as for chronotes convert
  --json                print the summary, likely duplicates, lane mapping and problems as one
                        JSON object on stdout`

/** Whether a pair differs in its fields, not only in notes (which a merge unites whatever the choice). */
function fieldsDiffer(comparison: Comparison): boolean {
  return (
    (comparison.kind === 'changed' || comparison.kind === 'conflict') &&
    comparison.fields.some((diff) => diff.field !== 'notes')
  )
}

/**
 * --prefer, applied where a choice means something: to changed and conflicting events whose fields
 * differ. New events are always added ("keep mine" would skip them and their notes), and an event
 * whose only difference is notes just gains them ("keep both" would duplicate it for a note).
 */
function choose(plan: MergePlan, prefer: MergeChoice | undefined, mergeDuplicates: boolean): MergeChoice[] {
  const choices = prefer
    ? plan.comparisons.map((c) => (fieldsDiffer(c) ? prefer : defaultChoice(c)))
    : defaultMergeChoices(plan)
  return choices.map((choice, index) =>
    mergeDuplicates && plan.comparisons[index]!.kind === 'duplicate' ? 'mine' : choice
  )
}

interface MergeSummary {
  new: number
  identical: number
  changed: number
  /** Of the changed ones, those whose only difference is notes of theirs (which are united). */
  notesOnly: number
  /** Changed on my side only since the version last taken: mine kept. */
  mineChanged: number
  conflicts: number
  likelyDuplicates: number
  /** Of the likely duplicates, those merged into mine (--merge-duplicates). */
  duplicatesMerged: number
  /** What was done for changed and conflicting events whose fields differ. */
  kept: Record<MergeChoice, number>
  lanesAdded: number
  notesAdded: number
  eventsBefore: number
  eventsAfter: number
}

function noteCount(document: TimelineDocument): number {
  return document.items.reduce((sum, item) => sum + item.notes.length, 0)
}

function summarise(
  plan: MergePlan,
  choices: MergeChoice[],
  mine: TimelineDocument,
  merged: TimelineDocument
): MergeSummary {
  const summary: MergeSummary = {
    new: 0,
    identical: 0,
    changed: 0,
    notesOnly: 0,
    mineChanged: 0,
    conflicts: 0,
    likelyDuplicates: 0,
    duplicatesMerged: 0,
    kept: { mine: 0, theirs: 0, both: 0 },
    lanesAdded: merged.groups.length - mine.groups.length,
    notesAdded: noteCount(merged) - noteCount(mine),
    eventsBefore: mine.items.length,
    eventsAfter: merged.items.length
  }
  plan.comparisons.forEach((comparison, index) => {
    if (comparison.kind === 'new') summary.new++
    else if (comparison.kind === 'identical') summary.identical++
    else if (comparison.kind === 'duplicate') {
      summary.likelyDuplicates++
      if (choices[index] !== 'both') summary.duplicatesMerged++
    } else {
      if (comparison.kind === 'changed') summary.changed++
      else if (comparison.kind === 'mine-changed') summary.mineChanged++
      else summary.conflicts++
      const choice = choices[index]
      if (!fieldsDiffer(comparison)) summary.notesOnly++
      else if (choice) summary.kept[choice]++
    }
  })
  return summary
}

function describe(summary: MergeSummary): string[] {
  const { kept } = summary
  const decided = [
    kept.mine ? `kept mine for ${kept.mine}` : '',
    kept.theirs ? `took theirs for ${kept.theirs}` : '',
    kept.both ? `kept both for ${kept.both}` : ''
  ].filter(Boolean)
  const notesOnly = summary.notesOnly ? ` (${summary.notesOnly} only in their notes, which were added)` : ''
  const duplicates = summary.likelyDuplicates
    ? `${summary.likelyDuplicates} (${summary.duplicatesMerged ? `${summary.duplicatesMerged} merged into mine` : 'both kept; --merge-duplicates merges them'})`
    : 0
  const lines: [string, string | number][] = [
    ['new', `${summary.new} (added)`],
    ['duplicates?', duplicates],
    ['identical', `${summary.identical} (skipped)`],
    ['changed', `${summary.changed}${notesOnly}`],
    ['mine changed', `${summary.mineChanged}${summary.mineChanged ? ' (mine kept)' : ''}`],
    ['conflicts', summary.conflicts],
    ...(decided.length ? [['decided', decided.join(', ')] as [string, string]] : []),
    ['notes added', summary.notesAdded],
    ['lanes added', summary.lanesAdded],
    ['events', `${summary.eventsBefore} → ${summary.eventsAfter}`]
  ]
  return lines.map(([label, value]) => `  ${`${label}:`.padEnd(14)}${value}`)
}

const eventRef = (item: { id: string; title: string; start: string }) => ({
  id: item.id,
  title: item.title,
  start: item.start
})

/** One of their lanes and where it went, as --json reports it. */
function laneRef(match: LaneMatch) {
  return {
    theirs: { id: match.theirs.id, title: match.theirs.title },
    to: match.target,
    isNew: match.isNew,
    suggestedBy: match.suggestedBy,
    score: Math.round(match.score * 1000) / 1000,
    events: match.events
  }
}

/** Their lanes that did not go to a lane of mine with the same id: where they went. */
function describeLanes(lanes: LaneMatch[], mine: TimelineDocument): string[] {
  const title = new Map(mine.groups.map((lane) => [lane.id, lane.title]))
  return lanes
    .filter((match) => match.suggestedBy !== 'id')
    .map((match) =>
      match.isNew
        ? `  lane:         “${match.theirs.title}” added as a new lane`
        : `  lane:         “${match.theirs.title}” → “${title.get(match.target) ?? match.target}” (${match.suggestedBy === 'name' ? 'same name' : 'similar name'})`
    )
}

export const merge: CliCommand = {
  name: 'merge',
  summary: "merge a colleague's file into a Chronotes file",
  usage: 'chronotes merge MINE THEIRS -o OUT [--prefer mine|theirs|both] [--merge-duplicates] [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        ...READ_OPTIONS,
        output: { type: 'string', short: 'o' },
        prefer: { type: 'string' },
        'merge-duplicates': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: true
    })
    if (values.help) return printHelp(io, this.usage, HELP)
    if (positionals.length !== 2) throw new UsageError('merge takes two files: MINE (a Chronotes file) and THEIRS')
    if (!values.output) throw new UsageError('-o OUT is required: the file to write')
    const prefer = values.prefer
    if (prefer !== undefined && !(PREFERENCES as readonly string[]).includes(prefer))
      throw new UsageError(`--prefer takes mine, theirs or both (got "${prefer}")`)
    readerFormat(values.from)
    const minePath = resolve(io.cwd, positionals[0]!)
    const theirsPath = resolve(io.cwd, positionals[1]!)
    const output = resolve(io.cwd, values.output)
    const json = values.json ?? false

    const mineText = await readFile(minePath, 'utf8')
    const mineRead = readDocument(mineText, basename(minePath))
    if (!mineRead.ok) {
      // Another format given as MINE is a wrong command line; a broken Chronotes file is a problem.
      const reader = pickReader(mineText, basename(minePath))
      if (reader && reader.format !== 'chronotes')
        throw new UsageError(
          `MINE must be a Chronotes file, and ${basename(minePath)} looks like a ${reader.format} file; ` +
            `convert it first: chronotes convert ${shellWord(positionals[0]!)} --to chronotes -o NAME.chronotes.json`
        )
      return fail(mineRead.problems)
    }

    const now = new Date()
    const theirs = await readColleagueFile(theirsPath, values, now)
    if (theirs.notice && !json) io.err(`chronotes merge: ${theirs.notice}`)
    if (!theirs.document) return fail(theirs.problems)

    const mine = mineRead.document
    const plan = compareDocuments(mine, theirs.document, { source: basename(theirsPath) })
    const choices = choose(plan, prefer as MergeChoice | undefined, values['merge-duplicates'] ?? false)
    const command = applyMerge(mine, plan, choices, { fileName: basename(theirsPath), now })
    // As in the app, a document that changed is stamped with the time of the change.
    const merged = isNoop(command) ? mine : { ...applyCommand(mine, command), updatedAt: now.toISOString() }
    await writeFileVerified(output, serializeDocument(merged))

    const summary = summarise(plan, choices, mine, merged)
    const problems = sortProblems(theirs.problems)
    const likelyDuplicates = plan.comparisons.flatMap((c, index) =>
      c.kind === 'duplicate'
        ? [{ mine: eventRef(c.mine), theirs: eventRef(c.theirs), score: c.score, merged: choices[index] !== 'both' }]
        : []
    )
    const laneMapping = plan.lanes.map(laneRef)
    if (json) {
      const result = {
        mine: minePath,
        theirs: theirsPath,
        from: theirs.format,
        output,
        prefer: prefer ?? null,
        mergeDuplicates: values['merge-duplicates'] ?? false,
        ...(theirs.notice ? { notice: theirs.notice } : {})
      }
      const report = { ...result, written: true, summary, likelyDuplicates, laneMapping, problems }
      io.out(JSON.stringify(report, null, 2))
    } else {
      printProblems(problems, io, false)
      io.out(`${basename(output)}: merged ${basename(theirsPath)} (${theirs.format}) into ${basename(minePath)}`)
      for (const line of describe(summary)) io.out(line)
      for (const line of describeLanes(plan.lanes, mine)) io.out(line)
      for (const duplicate of likelyDuplicates)
        io.out(
          `  same event? ${Math.round(duplicate.score * 100)}%: theirs “${duplicate.theirs.title}” (${duplicate.theirs.start}) ` +
            `${duplicate.merged ? 'merged into' : 'kept beside'} mine “${duplicate.mine.title}” (${duplicate.mine.start})`
        )
      if (problems.length) {
        const what = describeProblemCounts(
          countProblems(problems),
          TABLES.includes(theirs.format ?? '') ? 'row' : 'record'
        )
        io.out(`  ${count(problems.length, 'problem')} reading THEIRS (above)${what ? `: ${what}` : ''}`)
      }
    }
    return theirs.problems.length ? EXIT.problems : EXIT.ok

    function fail(problems: Problem[]): number {
      if (json) {
        const result = { mine: minePath, theirs: theirsPath, output, written: false, summary: null, problems }
        io.out(JSON.stringify(result, null, 2))
      } else {
        printProblems(problems, io, false)
        io.err(`chronotes merge: nothing written to ${basename(output)}`)
      }
      return EXIT.problems
    }
  }
}
