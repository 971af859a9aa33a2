/**
 * The `chronotes` command line: the app's own readers, writers, merge and report, for batch work.
 * Plain Node; it never loads Electron.
 */
import { plainIoError } from '../shared/errors'
import { EXIT, UsageError, type CliCommand, type CliIo } from './command'
import { convert } from './commands/convert'
import { merge } from './commands/merge'
import { pdf } from './commands/pdf'
import { validate } from './commands/validate'

export const COMMANDS: CliCommand[] = [convert, merge, pdf, validate]

function help(io: CliIo): void {
  io.out('Usage: chronotes COMMAND [options]\n')
  for (const command of COMMANDS) io.out(`  ${command.usage}\n      ${command.summary}`)
  io.out('\nExit codes: 0 clean, 1 problems found, 2 wrong command line.')
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io)
    return name ? EXIT.ok : EXIT.usage
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(`chronotes: unknown command "${name}"`)
    help(io)
    return EXIT.usage
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`chronotes ${name}: ${(error as Error).message}`)
      io.err(`Usage: ${command.usage}`)
      return EXIT.usage
    }
    const { code, path } = error as NodeJS.ErrnoException
    if (code && /^E[A-Z]+$/.test(code)) {
      // What failed, that nothing was replaced, and what to do; the system's own words after it.
      const action = path ? `Working with ${path}` : 'A file operation'
      io.err(`chronotes ${name}: ${plainIoError(error, action, 'No file was replaced.').message}`)
      io.err(`  (${(error as Error).message})`)
      return code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' ? EXIT.usage : EXIT.problems
    }
    throw error
  }
}
