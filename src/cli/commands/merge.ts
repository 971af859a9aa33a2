import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pickReader } from '../../shared/codecs'
import { applyMerge, compareDocuments, defaultChoice, defaultMergeChoices } from '../../shared/merge'
import type { Comparison, MergeChoice, MergePlan } from '../../shared/merge/types'
import { applyCommand, isNoop } from '../../shared/model/commands'
import { readDocument, serializeDocument } from '../../shared/model/document'
import type { Problem } from '../../shared/model/problems'
import type { TimelineDocument } from '../../shared/model/schema'
import { writeFileVerified } from '../../main/services/fs-utils'
import { EXIT, printProblems, UsageError, type CliCommand } from '../command'
import { count, printHelp, READ_OPTIONS, readColleagueFile, readerFormat, shellWord } from './convert'

const PREFERENCES = ['mine', 'theirs', 'both'] as const satisfies readonly MergeChoice[]

const HELP = `Merges a colleague's file THEIRS into MINE (a Chronotes file) and writes the result to OUT
as a Chronotes file; MINE itself is not changed.

Events are matched by id, then by title and date. Their new events are always added, identical
ones skipped, and an event that differs only in notes gains their notes. For events whose fields
differ (changed on their side, or in conflict):
  --prefer mine         keep mine
  --prefer theirs       take theirs
  --prefer both         keep both, side by side
  (without --prefer: what the app suggests for each kind of difference)
Notes are never dropped: notes from both sides are united, and a note changed on both sides
keeps both versions.

  -o, --output OUT      the file to write (required); written atomically
  --from, --map, --date-order
                        how to read THEIRS, as for chronotes convert
  --json                print the summary and problems as one JSON object on stdout`

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
function preferring(plan: MergePlan, prefer: MergeChoice): MergeChoice[] {
  return plan.comparisons.map((comparison) => (fieldsDiffer(comparison) ? prefer : defaultChoice(comparison)))
}

interface MergeSummary {
  new: number
  identical: number
  changed: number
  /** Of the changed ones, those whose only difference is notes of theirs (which are united). */
  notesOnly: number
  conflicts: number
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
    conflicts: 0,
    kept: { mine: 0, theirs: 0, both: 0 },
    lanesAdded: merged.groups.length - mine.groups.length,
    notesAdded: noteCount(merged) - noteCount(mine),
    eventsBefore: mine.items.length,
    eventsAfter: merged.items.length
  }
  plan.comparisons.forEach((comparison, index) => {
    if (comparison.kind === 'new') summary.new++
    else if (comparison.kind === 'identical') summary.identical++
    else {
      if (comparison.kind === 'changed') summary.changed++
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
  const lines: [string, string | number][] = [
    ['new', `${summary.new} (added)`],
    ['identical', `${summary.identical} (skipped)`],
    ['changed', `${summary.changed}${notesOnly}`],
    ['conflicts', summary.conflicts],
    ...(decided.length ? [['decided', decided.join(', ')] as [string, string]] : []),
    ['notes added', summary.notesAdded],
    ['lanes added', summary.lanesAdded],
    ['events', `${summary.eventsBefore} → ${summary.eventsAfter}`]
  ]
  return lines.map(([label, value]) => `  ${`${label}:`.padEnd(13)}${value}`)
}

export const merge: CliCommand = {
  name: 'merge',
  summary: "merge a colleague's file into a Chronotes file",
  usage: 'chronotes merge MINE THEIRS -o OUT [--prefer mine|theirs|both] [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        ...READ_OPTIONS,
        output: { type: 'string', short: 'o' },
        prefer: { type: 'string' },
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
    const plan = compareDocuments(mine, theirs.document)
    const choices = prefer ? preferring(plan, prefer as MergeChoice) : defaultMergeChoices(plan)
    const command = applyMerge(mine, plan, choices, { fileName: basename(theirsPath), now })
    // As in the app, a document that changed is stamped with the time of the change.
    const merged = isNoop(command) ? mine : { ...applyCommand(mine, command), updatedAt: now.toISOString() }
    await writeFileVerified(output, serializeDocument(merged))

    const summary = summarise(plan, choices, mine, merged)
    if (json) {
      const result = {
        mine: minePath,
        theirs: theirsPath,
        from: theirs.format,
        output,
        prefer: prefer ?? null,
        ...(theirs.notice ? { notice: theirs.notice } : {})
      }
      io.out(JSON.stringify({ ...result, written: true, summary, problems: theirs.problems }, null, 2))
    } else {
      printProblems(theirs.problems, io, false)
      io.out(`${basename(output)}: merged ${basename(theirsPath)} (${theirs.format}) into ${basename(minePath)}`)
      for (const line of describe(summary)) io.out(line)
      if (theirs.problems.length) io.out(`  ${count(theirs.problems.length, 'problem')} reading THEIRS (above)`)
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
