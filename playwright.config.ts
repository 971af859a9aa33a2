import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from './tests/chromium'

/**
 * End-to-end tests: the built renderer (out/renderer) in a real Chromium, over the loopback
 * bridge to the real services on a fresh library folder per test. There is no webServer: each
 * test starts its own bridge (tests/e2e/fixtures.ts). `npm run build` builds the renderer first.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env['CI'],
  workers: 2,
  retries: 0,
  // Upper bounds, not speed targets: a busy two-core machine must not fail a test that would pass.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off'
  },
  // The 100,000-event session is a project of its own, run alone after the others by `npm test`:
  // the long tasks it prints are issue 10's figures, and beside another test's Chromium on two
  // cores they measure that Chromium too.
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /large-timeline\.spec\.ts/ },
    { name: 'large', use: { browserName: 'chromium' }, testMatch: /large-timeline\.spec\.ts/ }
  ]
})
