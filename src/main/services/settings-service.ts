import { rename } from 'node:fs/promises'
import { z } from 'zod'
import type { Settings, SettingsPatch } from '../../shared/ipc'
import { fileStamp, readNoFollow, writeFileVerified } from './fs-utils'

const StoredSettingsSchema = z
  .object({
    authorName: z.string().min(1).max(200),
    authorConfirmed: z.boolean(),
    libraryPath: z.string().min(1).max(4096)
  })
  .partial()

/**
 * The user's settings, in one JSON file in the app's data folder. A damaged file is moved aside
 * (not deleted) and the defaults are used, so that the app always starts.
 */
export class SettingsService {
  private current: Settings | null = null

  constructor(
    private readonly file: string,
    private readonly defaults: Settings
  ) {}

  async get(): Promise<Settings> {
    if (this.current) return this.current
    // A settings file that is a link is not followed (ELOOP): the defaults are used, and the next
    // change replaces the link with a file of its own.
    const bytes = await readNoFollow(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ELOOP') return null
      throw error
    })
    let stored = {}
    if (bytes) {
      try {
        stored = StoredSettingsSchema.parse(JSON.parse(bytes.toString('utf8')))
      } catch {
        await rename(this.file, `${this.file}.damaged-${fileStamp(new Date())}`)
      }
    }
    this.current = { ...this.defaults, ...stored }
    return this.current
  }

  async update(patch: SettingsPatch & { libraryPath?: string }): Promise<Settings> {
    const next = { ...(await this.get()), ...patch }
    await writeFileVerified(this.file, JSON.stringify(next, null, 2) + '\n')
    this.current = next
    return next
  }
}
