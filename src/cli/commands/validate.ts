import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { readDocument } from '../../shared/model/document'
import { EXIT, printProblems, UsageError, type CliCommand } from '../command'

export const validate: CliCommand = {
  name: 'validate',
  summary: 'check a Chronotes file against the schema',
  usage: 'chronotes validate FILE [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' } },
      allowPositionals: true
    })
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE')
    const path = resolve(io.cwd, positionals[0]!)
    const result = readDocument(await readFile(path, 'utf8'), basename(path))
    if (result.ok) {
      if (values.json) io.out('[]')
      else io.out(`${basename(path)}: valid, ${result.document.items.length} events`)
      return EXIT.ok
    }
    printProblems(result.problems, io, values.json ?? false)
    return EXIT.problems
  }
}
