/**
 * The Chromium the tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. Playwright's own
 * browser download is never used (it needs the network).
 */
export const chromiumPath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'

/** Flags that keep a headless Chromium quiet on a machine without a network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]
