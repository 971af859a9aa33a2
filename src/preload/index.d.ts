import type { ChronotesBridge } from '../shared/ipc'

declare global {
  interface Window {
    chronotes: ChronotesBridge
  }
}
