import type { Problem } from './model/problems'

export type ErrorCode =
  | 'INVALID_ARGUMENT' // a request that does not fit the contract
  | 'NOT_FOUND' // no such document or backup
  | 'ALREADY_EXISTS'
  | 'UNREADABLE' // the file is not JSON, not a Chronotes document, or breaks the schema
  | 'NEWER_VERSION' // written by a newer Chronotes; never half-read, never overwritten
  | 'CONFLICT' // changed on disk since it was opened; the caller decides
  | 'UNSUPPORTED' // this transport cannot do that (a folder dialog over the loopback bridge)
  | 'IO' // the disk said no: permissions, a full disk
  | 'TOO_LARGE' // a file over the size a reader accepts
  | 'CANCELLED' // the user stopped it (a PDF export)
  | 'TIMEOUT' // a task that waits on another program ran past its time limit
  | 'NO_PRINTER' // no Chromium to print with (outside the desktop app)
  | 'INTERNAL'

/** What crosses the process boundary: plain data, so it survives structured cloning and JSON. */
export interface ErrorPayload {
  code: ErrorCode
  message: string
  problems?: Problem[]
}

/** The one error type of the app's contract. Services throw it; the renderer's api/ rethrows it. */
export class ChronotesError extends Error {
  override readonly name = 'ChronotesError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = []
  ) {
    super(message)
  }

  toPayload(): ErrorPayload {
    return this.problems.length
      ? { code: this.code, message: this.message, problems: this.problems }
      : { code: this.code, message: this.message }
  }

  static fromPayload(payload: ErrorPayload): ChronotesError {
    return new ChronotesError(payload.code, payload.message, payload.problems)
  }

  /** Any thrown value as a payload; unknown errors keep their message but not their stack. */
  static toPayload(error: unknown): ErrorPayload {
    if (error instanceof ChronotesError) return error.toPayload()
    const code = ioCode(error)
    const message = error instanceof Error ? error.message : String(error)
    return { code: code ? 'IO' : 'INTERNAL', message }
  }
}

function ioCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}
