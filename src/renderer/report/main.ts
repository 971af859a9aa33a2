/**
 * The print view's entry (report.html). It shows nothing by itself: whoever prints it (the
 * hidden Electron window, or Chromium driven by the CLI and the tests) loads the page, calls
 * `window.renderReport(model)`, waits for it, and prints with the page's own CSS page size.
 */
// First: zod must not generate code under the CSP (see zod-jitless.ts).
import '@shared/zod-jitless'
import './fonts.css'
import './report.css'
import './chronology.css'
import { renderReport } from './render'

declare global {
  interface Window {
    renderReport: typeof renderReport
  }
}

window.renderReport = renderReport
