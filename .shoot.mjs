// scratch: screenshots of the built renderer over the bridge
import { chromium } from 'playwright'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const root = '/work/wt/frame'
const { startBridge } = await import(join(root, 'out/bridge/server.js'))
const lib = mkdtempSync(join(tmpdir(), 'frame-shot-'))
const bridge = await startBridge({ libraryDir: lib, rendererDir: join(root, 'out/renderer'), clientScript: join(root, 'out/bridge/client.js'), datasetsDir: join(root, 'resources/datasets') })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const sizes = (process.env.SIZES || '1024x640,1280x720,1440x900,1920x1080').split(',')
const schemes = (process.env.SCHEMES || 'light').split(',')
const tag = process.env.TAG || 'x'
for (const scheme of schemes) for (const size of sizes) {
  const [w, h] = size.split('x').map(Number)
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme })
  const page = await ctx.newPage()
  page.on('pageerror', e => console.log('pageerror', e.message))
  await page.goto(bridge.url)
  await page.locator('.vis-item').first().waitFor()
  await page.screenshot({ path: `/tmp/frame-shots/${tag}-${scheme}-${size}-closed.png` })
  await page.locator('.vis-item.vis-point').nth(5).click()
  await page.locator('.details-pane').waitFor()
  await page.screenshot({ path: `/tmp/frame-shots/${tag}-${scheme}-${size}-open.png` })
  const m = await page.evaluate(() => ({ sh: document.scrollingElement.scrollHeight, ch: innerHeight }))
  console.log(scheme, size, JSON.stringify(m))
  if (process.env.SEARCH) { await page.getByRole('searchbox').fill('intelligence'); await page.waitForTimeout(500); await page.screenshot({ path: `/tmp/frame-shots/${tag}-${scheme}-${size}-search.png` }) }
  await ctx.close()
}
await browser.close(); await bridge.close()
