import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { DOCUMENT_EXTENSION } from '../../shared/model/document'
import { readIfExists, revisionOf, writeFileVerified } from './fs-utils'

/** For each bundled dataset ever copied in: the revision of the copy the app wrote. */
const SeededSchema = z.record(z.string(), z.object({ revision: z.string() }))
type Seeded = z.infer<typeof SeededSchema>

/**
 * Copies bundled datasets into the library. A dataset is copied once; a later app version may
 * replace the library copy only while it is exactly what the app wrote (the user never edited it),
 * and a copy the user trashed is not brought back.
 */
export class DatasetSeeder {
  constructor(
    private readonly datasetsDir: string,
    private readonly libraryDir: string,
    private readonly stateFile: string
  ) {}

  async seed(): Promise<void> {
    const seeded = await this.readState()
    const bundled = (await readdir(this.datasetsDir)).filter((f) => f.endsWith(DOCUMENT_EXTENSION))
    for (const name of bundled) {
      const source = await readIfExists(join(this.datasetsDir, name))
      if (!source) continue
      const target = join(this.libraryDir, name)
      const current = await readIfExists(target)
      const record = seeded[name]
      const untouched = record && current && revisionOf(current) === record.revision
      if ((!record && !current) || (untouched && revisionOf(source) !== record.revision)) {
        await writeFileVerified(target, source)
        seeded[name] = { revision: revisionOf(source) }
      } else if (!record) {
        // A file of that name is already the user's: leave it, and never seed over it later.
        seeded[name] = { revision: '' }
      }
    }
    await writeFileVerified(this.stateFile, JSON.stringify(seeded, null, 2) + '\n')
  }

  private async readState(): Promise<Seeded> {
    const bytes = await readIfExists(this.stateFile)
    if (!bytes) return {}
    try {
      return SeededSchema.parse(JSON.parse(bytes.toString('utf8')))
    } catch {
      // A damaged state file must not make us overwrite anything: treat every dataset as seeded.
      return Object.fromEntries((await readdir(this.datasetsDir)).map((name) => [name, { revision: '' }]))
    }
  }
}
