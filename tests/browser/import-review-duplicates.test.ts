/**
 * Issue 11, the merge review that prevents clutter, in a real Chromium with the real stores:
 * their lanes mapped onto mine (a singular and a near-synonym pre-filled, a new lane in a colour
 * no lane of mine has), and a same-day near-duplicate shown as "Same event?" with both kept by
 * default, merged into one on request with both sides' notes.
 */
import { afterEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { serializeDocument } from '@shared/model/document'
import type { TimelineDocument, TimelineItem } from '@shared/model/schema'
import { byTitle, fileOf, installBridge, loadDataset, mountWith } from './import-fixtures'

installBridge()
const { default: ImportWizard } = await import('@renderer/components/import/ImportWizard.vue')
const { useImportStore } = await import('@renderer/stores/import')

const DISCORD = 'Discord leaker Jack Teixeira gets 15 years in prison'
const THEIR_DISCORD = 'Jack Teixeira, the Discord leaker, sentenced to 15 years in prison'

/** Their file: two events of their own, in lanes named "Leak" (mine is "Leaks and disclosures") and "Sanctions". */
function theirDocument(): TimelineDocument {
  const mine = byTitle(loadDataset(), DISCORD)
  const lanes = [
    { id: 'their-leak', title: 'Leak', color: '#f0e442', order: 0 },
    { id: 'their-sanctions', title: 'Sanctions', color: '#0072b2', order: 1 }
  ]
  const event = (id: string, groupId: string, title: string, start: string, notes: TimelineItem['notes']) => ({
    ...mine,
    id,
    groupId,
    title,
    start,
    description: 'Their account.',
    notes,
    provenance: undefined
  })
  const note = {
    id: 'b7f1d0a4-2c1e-4f7e-9a43-0c6c2b0f1a11',
    author: 'Olena',
    body: 'Sentencing memo read on the 13th.',
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z'
  }
  const doc = loadDataset()
  return {
    ...doc,
    id: 'their-document',
    groups: lanes,
    items: [
      event('their-discord', 'their-leak', THEIR_DISCORD, mine.start, [note]),
      event('their-sanctions-1', 'their-sanctions', 'New sanctions on Russian intelligence officers', '2024-02-23', [])
    ]
  }
}

const dialog = () => document.querySelector('dialog.import-dialog') as HTMLDialogElement
const heading = () => dialog().querySelector('[data-step-heading]')?.textContent?.trim()
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement
const laneSelect = (title: string) =>
  dialog().querySelector<HTMLSelectElement>(`select[aria-label="Lane for their “${title}”"]`)!
const selectedText = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent?.trim()
const summary = () => dialog().querySelector('[data-testid="merge-summary"]')?.textContent?.trim()
const until = (check: () => unknown) => expect.poll(check, { timeout: 3000 })

afterEach(() => useImportStore().cancel())

async function toLanes() {
  const mounted = await mountWith(ImportWizard, { document: loadDataset() })
  await useImportStore().start(fileOf(serializeDocument(theirDocument()), 'olena.chronotes.json'))
  await until(heading).toBe('Where should it go?')
  await userEvent.click(button(dialog(), 'Review the merge'))
  await until(heading).toBe('Which of your lanes do their lanes go to?')
  return mounted
}

test('the lane step pre-fills a near-synonym and offers a new lane in an unused colour', async () => {
  const { documents } = await toLanes()
  expect(selectedText(laneSelect('Leak'))).toBe('Leaks and disclosures')
  expect(dialog().querySelector('tr[data-lane="Leak"] .why')?.textContent?.trim()).toBe('suggested: a similar name')
  expect(selectedText(laneSelect('Sanctions'))).toBe('New lane “Sanctions”')
  // Their "Sanctions" is #0072b2, the colour of my "Intelligence sharing": the new lane gets another.
  const swatch = dialog().querySelector<HTMLElement>('tr[data-lane="Sanctions"] .target .swatch')!
  const used = new Set(documents.document!.groups.map((g) => g.color))
  const colour = getComputedStyle(swatch).backgroundColor
  const hex = `#${(colour.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`
  expect(used.has(hex)).toBe(false)
  expect(dialog().querySelector('[data-testid="lanes-summary"]')?.textContent?.trim()).toBe('1 new lane, 1 into yours.')

  // The user sends "Sanctions" to one of mine instead: no new lane.
  await userEvent.selectOptions(laneSelect('Sanctions'), 'Pauses and restrictions')
  await until(() => dialog().querySelector('[data-testid="lanes-summary"]')?.textContent?.trim()).toBe(
    'All into your lanes: no new lane.'
  )
  expect(dialog().querySelector('tr[data-lane="Sanctions"] .why')?.textContent?.trim()).toBe('your choice')
  await userEvent.click(button(dialog(), 'Review the merge'))
  await until(heading).toBe('Review the merge into ‘US–Ukraine intelligence cooperation, 2014–2025’')
  expect(summary()).toBe('Will add 2 events; 1 note will be added.')
})

test('a near-duplicate is "Same event?", kept as two by default, merged into one with both notes on request', async () => {
  const { documents } = await toLanes()
  const before = documents.document!
  await userEvent.click(button(dialog(), 'Review the merge'))
  await until(heading).toBe('Review the merge into ‘US–Ukraine intelligence cooperation, 2014–2025’')
  const titles = [...dialog().querySelectorAll('.section-title')].map((h) => h.textContent?.trim())
  expect(titles.slice(0, 2)).toEqual(['New (1)', 'Same event? (1)'])

  const card = dialog().querySelector<HTMLElement>('#merge-duplicate article.compare')!
  expect(card.querySelector('.compare-title')?.textContent).toBe(DISCORD)
  expect(card.querySelector('.meta')?.textContent).toMatch(/titles \d+% alike/)
  const rows = [...card.querySelectorAll('tbody tr')].map((row) => [...row.children].map((c) => c.textContent?.trim()))
  expect(rows[0]).toEqual(['Title', DISCORD, THEIR_DISCORD])
  const checked = () => card.querySelector<HTMLInputElement>('input:checked')?.closest('label')?.textContent?.trim()
  expect(checked()).toBe('Keep both')
  expect(summary()).toBe('Will add 2 events; 1 note will be added, 1 lane will be added.')

  await userEvent.click(card.querySelector('input[value="mine"]')!)
  await until(summary).toBe(
    'Will add 1 event, merge 1 duplicate into yours; 1 note will be added, 1 lane will be added.'
  )
  await userEvent.click(button(dialog(), 'Confirm merge'))
  await until(() => dialog().open).toBe(false)

  const merged = documents.document!
  expect(merged.items).toHaveLength(before.items.length + 1)
  const discord = byTitle(merged, DISCORD)
  expect(discord.id).toBe(byTitle(before, DISCORD).id)
  expect(discord.notes.map((n) => n.body)).toEqual([
    ...byTitle(before, DISCORD).notes.map((n) => n.body),
    'Sentencing memo read on the 13th.'
  ])
  expect(merged.items.some((item) => item.title === THEIR_DISCORD)).toBe(false)
})
