/**
 * A file the system hands to the running app (a double-click, "Open with", a second launch):
 * main sends 'app:open-file' (tested on a fake Electron in tests/unit/main-lifecycle.test.ts);
 * here the bridge sends the same event to the built renderer, which opens a library timeline by
 * name and takes any other file into the import wizard.
 */
import type { Page } from '@playwright/test'
import { DATASET_FILE, DATASET_TITLE, expect, openApp, screenshot, test } from './fixtures'

const FIELD_NOTES = {
  format: 'chronotes',
  schemaVersion: 1,
  id: '5f0c9a5e-6f57-4c5e-9a51-2b7c1f0e4a11',
  title: 'Field notes, Kharkiv 2022',
  description: '',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  groups: [{ id: 'g1', title: 'Notes', color: '#4e79a7', order: 0 }],
  items: []
}

test.use({ libraryFiles: { 'field-notes.chronotes.json': JSON.stringify(FIELD_NOTES, null, 2) } })

const title = (page: Page) => page.locator('h1.doc-title')

test('a library timeline handed over by the system opens; any other file goes to import', async ({
  page,
  bridge
}, testInfo) => {
  await openApp(page, bridge)
  // The library opens one of its two timelines at start; the system hands over the other one.
  await expect(title(page)).toHaveText([/./])
  const other =
    (await title(page).textContent()) === DATASET_TITLE
      ? { name: 'field-notes.chronotes.json', title: FIELD_NOTES.title }
      : { name: DATASET_FILE, title: DATASET_TITLE }
  bridge.emit('app:open-file', { kind: 'library', name: other.name })
  await expect(title(page)).toHaveText(other.title)

  const csv = 'title,start\nMeeting in Kyiv,2014-03-01\n'
  bridge.emit('app:open-file', {
    kind: 'import',
    file: { fileName: 'colleague.csv', base64: Buffer.from(csv).toString('base64') }
  })
  const wizard = page.getByRole('dialog', { name: /^Import/ })
  await expect(wizard).toBeVisible()
  await expect(wizard.getByRole('heading', { name: 'Import colleague.csv' })).toBeVisible()
  await expect(wizard).toContainText('Meeting in Kyiv')
  await screenshot(page, testInfo, 'handed-over-csv')
})
