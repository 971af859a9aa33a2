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
  | 'OUTSIDE_LIBRARY' // a link, or a path whose real location leaves the library folder
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
    if (code) return plainIoError(error, 'The operation').toPayload()
    return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
  }
}

function ioCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/** Why a file operation failed, and what to do about it, by the system's error code. */
const IO_REASONS: Record<string, [why: string, todo: string]> = {
  ENOSPC: ['the disk is full', 'Free some space on that disk (or choose a folder on another disk) and try again.'],
  EDQUOT: ['your disk quota is used up', 'Free some space (or ask for a larger quota) and try again.'],
  // A verified write found fewer bytes on disk than it wrote: what a full disk does.
  EWRITECHECK: [
    'the disk did not keep all of what was written (it may be full or failing)',
    'Free some space on that disk (or choose a folder on another disk) and try again.'
  ],
  EROFS: [
    'the folder is on a read-only disk or share',
    'Choose a folder you can write to, or make this one writable, and try again.'
  ],
  EACCES: [
    'Chronotes has no permission to write there',
    "Check the folder's permissions (or choose another folder) and try again."
  ],
  EPERM: ['the system did not permit it', "Check the folder's permissions (or choose another folder) and try again."],
  EBUSY: ['the file is in use by another program', 'Close that program (or wait for a sync to finish) and try again.'],
  ETXTBSY: [
    'the file is in use by another program',
    'Close that program (or wait for a sync to finish) and try again.'
  ],
  EMFILE: ['too many files are open', 'Close some windows or programs (or restart Chronotes) and try again.'],
  ENFILE: ['too many files are open on this computer', 'Close some programs and try again.'],
  ENOENT: [
    'it or its folder is missing (moved, deleted, or on a disk that is not connected)',
    'Reconnect the disk or choose another folder, and try again.'
  ],
  ENOTDIR: ['a part of its folder path is a file, not a folder', 'Choose another folder and try again.'],
  ENAMETOOLONG: ['the file name is too long for this disk', 'Use a shorter title and try again.'],
  ELOOP: ['its path goes through a link', 'Chronotes does not follow links; move the file into the library folder.'],
  EIO: ['the disk reported a read or write error', 'Check the disk (or copy your files elsewhere) and try again.']
}

/**
 * A file-system error as a researcher reads it: what failed, that nothing was lost, what to do.
 * `action` names what failed ("Saving “Ukraine”"); `kept` says what is intact. Anything that is
 * not a system error comes back unchanged.
 */
export function plainIoError(
  error: unknown,
  action: string,
  kept = 'Nothing was changed: the previous version is intact.'
): ChronotesError {
  if (error instanceof ChronotesError) return error
  const code = ioCode(error) ?? ''
  const reason = IO_REASONS[code]
  const detail = error instanceof Error ? error.message : String(error)
  if (!reason) return new ChronotesError(code ? 'IO' : 'INTERNAL', `${action} failed: ${detail}. ${kept}`)
  return new ChronotesError('IO', `${action} failed: ${reason[0]}. ${kept} ${reason[1]}`)
}
