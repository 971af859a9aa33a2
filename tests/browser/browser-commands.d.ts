/** The real-mouse commands of tests/browser/commands.ts (registered in vitest.config.ts), as the tests call them. */
declare module 'vitest/browser' {
  interface BrowserCommands {
    mouseDrag(from: { x: number; y: number }, to: { x: number; y: number }, steps?: number): Promise<void>
    mouseDoubleClick(at: { x: number; y: number }): Promise<void>
    mouseClick(at: { x: number; y: number }): Promise<void>
  }
}

export {}
