import { chromium } from 'playwright'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const root = '/work/wt/frame'
const { startBridge } = await import(join(root, 'out/bridge/server.js'))
const lib = mkdtempSync(join(tmpdir(), 'frame-shot-'))
const bridge = await startBridge({ libraryDir: lib, rendererDir: join(root, 'out/renderer'), clientScript: join(root, 'out/bridge/client.js'), datasetsDir: join(root, 'resources/datasets') })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
await page.goto(bridge.url)
await page.locator('.vis-item').first().waitFor()
await page.locator('.vis-item.vis-point').nth(5).click(); await page.locator('.details-pane').waitFor();
console.log(await page.evaluate(() => {
  const out = []
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect(); if (r.bottom > 1300 && !el.closest(".vis-timeline")) out.push(el.tagName + '.' + el.className + ' ' + r.bottom) }
  const se=document.scrollingElement; return [se.scrollHeight, se.scrollTop, document.body.scrollHeight, document.querySelector(".app").getBoundingClientRect().height, getComputedStyle(document.querySelector(".app")).overflow, ...out.slice(0, 6)]
}))
await browser.close(); await bridge.close()
