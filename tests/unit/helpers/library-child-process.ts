/** Drives library-child.ts (built by buildChild) from a test: one JSON command, one JSON reply. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'

export type Reply = { ok: true; value: unknown } | { ok: false; code: string; message: string }

export class LibraryChild {
  private readonly replies: ((reply: Reply) => void)[] = []
  readonly ready: Promise<void>
  readonly process: ChildProcessWithoutNullStreams

  /** `uid` runs it as another user (the tests run as root, which file modes do not stop). */
  constructor(script: string, root: string, uid?: number) {
    this.process = spawn(process.execPath, [script, root], { stdio: 'pipe', ...(uid === undefined ? {} : { uid }) })
    let ready!: () => void
    this.ready = new Promise((resolve) => (ready = resolve))
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      if (line === 'ready') return ready()
      this.replies.shift()?.(JSON.parse(line) as Reply)
    })
  }

  send(command: object): Promise<Reply> {
    return new Promise((resolve) => {
      this.replies.push(resolve)
      this.process.stdin.write(JSON.stringify(command) + '\n')
    })
  }

  kill(): void {
    this.process.kill('SIGKILL')
  }
}
