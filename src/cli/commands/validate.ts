import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { EXIT, printProblems, UsageError, type CliCommand } from '../command'
import { printHelp, READ_OPTIONS, readColleagueFile } from './convert'

const HELP = `Checks FILE in any format Chronotes reads (recognised from its content, or --from) the way an
import would read it, and lists every problem with its row, line or record. The way to check a
colleague's file before merging it.

  --from FORMAT         the format of FILE, when it should not be recognised from its content
  --map COLUMN=FIELD    for a spreadsheet: the field a column holds, over the recognised one
  --date-order COLUMN=day-month|month-day
                        for a date column where 03/04/2025 could be either
  --json                print the problems as one JSON array on stdout ([] when there are none);
                        a note (what was assumed, nothing lost) has "note": true

The exit code is 0 when FILE reads cleanly (notes of what was assumed are listed, prefixed
"note:"), 1 when there is any problem.`

export const validate: CliCommand = {
  name: 'validate',
  summary: 'check a file in any format Chronotes reads, listing every problem',
  usage: 'chronotes validate FILE [--from FORMAT] [--map COLUMN=FIELD]… [--date-order COLUMN=ORDER]… [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...READ_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true
    })
    if (values.help) return printHelp(io, this.usage, HELP)
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE')
    const path = resolve(io.cwd, positionals[0]!)
    const file = basename(path)
    const outcome = await readColleagueFile(path, values, new Date())
    const json = values.json ?? false
    // Notes say what was assumed (a circa, a season); they are listed but do not fail the check.
    if (outcome.document && outcome.problems.every((problem) => problem.note)) {
      const events = `${outcome.document.items.length} events`
      if (json) io.out(JSON.stringify(outcome.problems, null, 2))
      else {
        io.out(`${file}: valid, ${outcome.format === 'chronotes' ? events : `${events} (read as ${outcome.format})`}`)
        printProblems(outcome.problems, io, false)
      }
      return EXIT.ok
    }
    printProblems(outcome.problems, io, json)
    if (!json && outcome.notice) io.err(`${file}: ${outcome.notice}`)
    return EXIT.problems
  }
}
