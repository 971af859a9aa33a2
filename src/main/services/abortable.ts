/**
 * Long tasks made of steps that each wait on another program (a browser, a window): a step must
 * lose the race against the task's abort signal, whatever the step's own promise does. Closing a
 * browser context does not always settle what was pending on it (a `newPage()` under way never
 * returns), so cancelling must not depend on that.
 */

/** Rejects with the signal's reason as soon as it aborts; a result that comes too late is handed to `dispose`. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, dispose?: (late: T) => unknown): Promise<T> {
  if (signal.aborted) {
    void work.then(dispose, () => {})
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      reject(signal.reason)
      void work.then(dispose, () => {})
    }
    signal.addEventListener('abort', abort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error)
      }
    )
  })
}

/** Waits for `work` at most `ms`; the answer is whether it finished in time (a late finish is ignored). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)))
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true
      ),
      late
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** A task's stop signal: the caller's abort, or the task's time limit, whichever comes first. */
export function taskSignal(caller: AbortSignal | undefined, timeLimitMs: number) {
  const deadline = AbortSignal.timeout(timeLimitMs)
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline
  /** Why the task stopped, or null while it may go on: the caller's cancel wins over the time limit. */
  const stopped = (): 'cancelled' | 'timed-out' | null =>
    caller?.aborted ? 'cancelled' : deadline.aborted ? 'timed-out' : null
  return { signal, stopped }
}
