import { afterEach, describe, expect, it, vi } from 'vitest'
import { RendererFlush } from '../../src/main/renderer-flush'
import { FakeWebContents } from './helpers/fake-electron'

afterEach(() => {
  vi.useRealTimers()
})

const asContents = (contents: FakeWebContents) => contents as unknown as Electron.WebContents

describe('RendererFlush', () => {
  it('asks the renderer to save and resolves only when it answers', async () => {
    const contents = new FakeWebContents()
    const flush = new RendererFlush()
    let done = false
    const waiting = flush.request(asContents(contents)).then(() => (done = true))
    expect(contents.sentOn('app:flush-request')).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(done).toBe(false)
    flush.done()
    await waiting
    expect(done).toBe(true)
  })

  it('answers every request that is waiting, once', async () => {
    const contents = new FakeWebContents()
    const flush = new RendererFlush()
    const both = Promise.all([flush.request(asContents(contents)), flush.request(asContents(contents))])
    flush.done()
    await both
    flush.done()
  })

  it('gives up on a renderer that never answers after its timeout, so the app can still quit', async () => {
    vi.useFakeTimers()
    const contents = new FakeWebContents()
    const flush = new RendererFlush(15_000)
    let done = false
    const waiting = flush.request(asContents(contents)).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(14_999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(done).toBe(true)
  })

  it('does not wait for a renderer that is gone', async () => {
    const gone = new FakeWebContents()
    gone.destroyed = true
    const crashed = new FakeWebContents()
    crashed.crashed = true
    const flush = new RendererFlush()
    await flush.request(asContents(gone))
    await flush.request(asContents(crashed))
    await flush.request(null)
    expect(crashed.sentOn('app:flush-request')).toEqual([])
  })
})
