import { main } from './index'

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  cwd: process.cwd()
}

main(process.argv.slice(2), io).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`chronotes: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
