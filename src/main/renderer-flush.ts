import type { WebContents } from 'electron'

/**
 * Before the window closes or the app quits, the renderer is asked to save what it has
 * ('app:flush-request') and answers with app.flushed() once the save is on disk. A renderer that
 * is gone, or hangs, must not keep the app open forever: after `timeoutMs` it closes anyway.
 */
export class RendererFlush {
  private readonly waiting = new Set<() => void>()

  constructor(private readonly timeoutMs = 15_000) {}

  request(contents: WebContents | null | undefined): Promise<void> {
    if (!contents || contents.isDestroyed() || contents.isCrashed()) return Promise.resolve()
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        this.waiting.delete(finish)
        resolve()
      }
      const timer = setTimeout(finish, this.timeoutMs)
      this.waiting.add(finish)
      contents.send('app:flush-request')
    })
  }

  /** The renderer's answer: every pending request is done. */
  done(): void {
    for (const finish of [...this.waiting]) finish()
  }
}
