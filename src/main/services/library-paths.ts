import { lstat, mkdir, realpath } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { ChronotesError } from '../../shared/errors'
import { DOCUMENT_EXTENSION } from '../../shared/model/document'
import { truncateUtf8 } from './fs-utils'

/**
 * A generated file name's limit in UTF-8 bytes: most file systems allow 255, and the names built
 * from it (a trash entry "<stamp> <name> backups", a temporary file) need room to spare.
 */
export const MAX_NAME_BYTES = 200

/**
 * Paths inside the library, and nowhere else: a link (to a document, or a backups or Trash
 * folder) is refused rather than followed, so nothing is ever read or written outside it.
 */
export class LibraryPaths {
  private realRoot: string | null = null

  constructor(readonly root: string) {}

  /** The folder `parts` inside the library, made if missing; refused if any step is a link. */
  async folder(...parts: string[]): Promise<string> {
    let path = this.root
    for (const part of parts) {
      path = join(path, part)
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error
      })
      const info = await lstat(path)
      if (info.isSymbolicLink() || !info.isDirectory()) throw outside(path, 'is a link or not a folder')
    }
    await this.checkInside(path)
    return path
  }

  /** The folder `parts` inside the library if it exists (null if not); refused if any step is a link. */
  async find(...parts: string[]): Promise<string | null> {
    let path = this.root
    for (const part of parts) {
      path = join(path, part)
      const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null
        throw error
      })
      if (!info) return null
      if (info.isSymbolicLink() || !info.isDirectory()) throw outside(path, 'is a link or not a folder')
    }
    await this.checkInside(path)
    return path
  }

  /** Refuses a file that is a link, or whose folder's real location is outside the library. */
  async checkFile(path: string): Promise<void> {
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw error
    })
    if (info?.isSymbolicLink()) throw outside(path, 'is a link to a file elsewhere')
    if (info && !info.isFile()) throw outside(path, 'is not a file')
    await this.checkInside(dirname(path))
  }

  private async checkInside(path: string): Promise<void> {
    this.realRoot ??= await realpath(this.root)
    const real = await realpath(path)
    if (real !== this.realRoot && !real.startsWith(this.realRoot + sep))
      throw outside(path, 'leads outside the library')
  }
}

function outside(path: string, what: string): ChronotesError {
  return new ChronotesError(
    'OUTSIDE_LIBRARY',
    `${path} ${what}; Chronotes reads and writes only inside the library folder and does not follow links. Nothing was changed. Move the real file or folder into the library to use it.`
  )
}

/** A file name from a title: letters of any script kept, everything else a dash; its name fits MAX_NAME_BYTES. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  // At most 80 characters, to stay readable in a file manager; whole code points, never half of one.
  const short = Array.from(slug).slice(0, 80).join('')
  // Room for the extension and a "-99" that makes the name unique.
  const capped = truncateUtf8(short, MAX_NAME_BYTES - Buffer.byteLength(DOCUMENT_EXTENSION) - 4).replace(/-+$/, '')
  return capped || 'timeline'
}
