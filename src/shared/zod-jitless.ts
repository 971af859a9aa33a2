import { config } from 'zod'

/**
 * Import this first in every bundle that runs under the CSP (renderer, print view, preload).
 * Zod compiles object parsers with `new Function` unless told not to, and decides so when a
 * schema is defined; under a CSP without 'unsafe-eval' even its caught probe is reported as a
 * violation. Jitless parsing is the interpreted path: same results, no generated code.
 */
config({ jitless: true })
