import { rename } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { z } from 'zod'
import { SessionSchema, THEMES, type Session, type Settings, type SettingsPatch } from '../../shared/ipc'
import { fileStamp, readNoFollow, writeFileVerified } from './fs-utils'
import { removeStaleTempFiles } from './stale-temp-files'

/** Sessions of this many libraries are kept; the least recently used go first. */
const MAX_SESSIONS = 20

const StoredSettingsSchema = z
  .object({
    authorName: z.string().min(1).max(200),
    authorConfirmed: z.boolean(),
    libraryPath: z.string().min(1).max(4096),
    theme: z.enum(THEMES),
    /** Where the user left each library, by the library's path (one person's state, never in the library). */
    sessions: z.record(z.string().max(4096), SessionSchema)
  })
  .partial()

type Stored = Omit<Settings, 'session'> & { sessions?: Record<string, Session> }

/**
 * The user's settings, in one JSON file in the app's data folder. A damaged file is moved aside
 * (not deleted) and the defaults are used, so that the app always starts.
 */
export class SettingsService {
  private current: Stored | null = null

  constructor(
    private readonly file: string,
    private readonly defaults: Settings
  ) {}

  async get(): Promise<Settings> {
    await this.queue // a change under way is part of the answer
    return this.visible(await this.stored())
  }

  /**
   * One change at a time: two at once (the theme, and where the user is, written a moment later)
   * would each start from the settings before the other, and the first would be lost.
   */
  update(patch: SettingsPatch & { libraryPath?: string }): Promise<Settings> {
    const applied = this.queue.then(() => this.apply(patch))
    this.queue = applied.catch(() => {})
    return applied
  }

  private queue: Promise<unknown> = Promise.resolve()

  private async apply(patch: SettingsPatch & { libraryPath?: string }): Promise<Settings> {
    const { session, ...rest } = patch
    const next: Stored = { ...(await this.stored()), ...rest }
    if (session) {
      // Re-inserted last, so that the oldest libraries are the first keys and the first dropped.
      const others = Object.entries(next.sessions ?? {}).filter(([path]) => path !== next.libraryPath)
      next.sessions = Object.fromEntries([...others.slice(-(MAX_SESSIONS - 1)), [next.libraryPath, session]])
    }
    await writeFileVerified(this.file, JSON.stringify(next, null, 2) + '\n')
    this.current = next
    return this.visible(next)
  }

  private async stored(): Promise<Stored> {
    if (this.current) return this.current
    // What a write killed part-way left; a temp file whose writer still runs is kept.
    await removeStaleTempFiles(dirname(this.file), async () => true, basename(this.file)).catch(() => 0)
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

  /** What the renderer sees: the session of the library now open only. */
  private visible(stored: Stored): Settings {
    const { sessions, ...settings } = stored
    const session = sessions?.[stored.libraryPath]
    return session ? { ...settings, session } : settings
  }
}
