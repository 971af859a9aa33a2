/**
 * The renderer's Content-Security-Policy in production: only the app's own scripts, styles,
 * images and fonts; no inline scripts, no eval, no remote origins, no network at all.
 * Workers only from the app's own scripts. Styles set through the DOM (vis-timeline positions items that way) are not inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The import reads large files in a worker (src/renderer/src/workers/), loaded from the app only.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'"
].join('; ')
