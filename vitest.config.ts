import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { mouseClick, mouseDoubleClick, mouseDrag } from './tests/browser/commands'
import { chromiumArgs, chromiumPath } from './tests/chromium'

const alias = { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000
        }
      },
      {
        resolve: { alias },
        plugins: [vue()],
        // Pre-bundled up front: discovering them mid-run makes Vite reload the page under a test.
        optimizeDeps: {
          include: ['dompurify', 'markdown-it', 'vis-timeline/peer', 'vis-data/peer', '@tanstack/vue-virtual']
        },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // expect.poll waits for a state (a redraw at a new width, an index caught up), never times
          // it: its default second failed two of them on a machine busy with other work.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            // The page is larger than the tests' 1400×900 frame, so that the frame is not scaled down:
            // vis-timeline's drag arithmetic is off inside a scaled frame.
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
              contextOptions: { viewport: { width: 1600, height: 1100 } }
            }),
            instances: [{ browser: 'chromium', viewport: { width: 1400, height: 900 } }],
            commands: { mouseDrag, mouseClick, mouseDoubleClick }
          }
        }
      }
    ]
  }
})
