/**
 * The `chronotes` command line: the app's own readers, writers, merge and report, for batch work.
 * Plain Node; it never loads Electron.
 */
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
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.err(`chronotes ${name}: ${(error as Error).message}`)
      return EXIT.usage
    }
    throw error
  }
}
