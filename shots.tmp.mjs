import { chromium } from 'playwright'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] })
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
page.on('pageerror', e => console.log('pageerror:', e.message))
page.on('console', m => { if (m.type() === 'error') console.log('console error:', m.text()) })
await page.goto('http://127.0.0.1:47002/')
await page.waitForTimeout(1500)
await page.screenshot({ path: '/tmp/s1.png' })
// search Jeddah
await page.keyboard.press('Control+f')
await page.keyboard.type('Jeddah')
await page.waitForTimeout(600)
await page.screenshot({ path: '/tmp/s2.png' })
// click first result
const result = page.locator('.search-pane [role="option"], .search-pane li button, .search-pane li').first()
await result.click().catch(e => console.log('no result', e.message))
await page.waitForTimeout(600)
await page.screenshot({ path: '/tmp/s3.png' })
await browser.close()
