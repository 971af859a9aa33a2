/**
 * The search box and the filters in a real Chromium, with the real stores and the bundled
 * dataset: what each control sets, the summary of the active filter, and clearing it all.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-vue'
import { idOf, installFakeBridge, jeddahDocument } from './filter-fixtures'

// The stores reach `window.chronotes` through ../../api, which reads it when first imported.
installFakeBridge()
const { default: FilterBar } = await import('@renderer/components/filter/FilterBar.vue')
const { default: SearchResults } = await import('@renderer/components/filter/SearchResults.vue')
const { useDocumentStore } = await import('@renderer/stores/document')
const { useViewStore } = await import('@renderer/stores/view')

let pinia: Pinia

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  useDocumentStore().load({ name: 'x.chronotes.json', document: jeddahDocument(), revision: 'r' })
})
afterEach(() => useDocumentStore().close())

const mount = () => render(FilterBar, { global: { plugins: [pinia] } })
const summaryOf = (root: HTMLElement) => root.querySelector('.summary-text')?.textContent?.trim() ?? null

test('typing searches, counts the matches, and Escape empties the box', async () => {
  const screen = await mount()
  const view = useViewStore()
  const box = screen.getByRole('searchbox', { name: 'Find events' })
  await expect.element(box).toHaveAttribute('placeholder', 'Find in titles, descriptions, notes, sources, tags')

  await userEvent.fill(box, 'jeddah')
  expect(view.query).toBe('jeddah')
  // The title, the note and the source: three events.
  await expect.element(screen.getByRole('status').first()).toHaveTextContent('3 matches')
  await userEvent.fill(box, 'jeddah oksana')
  await expect.element(screen.getByRole('status').first()).toHaveTextContent('1 match')
  await userEvent.fill(box, 'jeddah nowhere')
  await expect.element(screen.getByRole('status').first()).toHaveTextContent('No matches')

  await userEvent.keyboard('{Escape}')
  expect(view.query).toBe('')
  await expect.element(box).toHaveValue('')
  // The search alone is not a filter: no summary, nothing to clear.
  expect(summaryOf(screen.container)).toBeNull()
})

test('lanes, confidence and has-notes set the filter; the summary says so and Clear empties everything', async () => {
  const screen = await mount()
  const view = useViewStore()
  await userEvent.fill(screen.getByRole('searchbox'), 'pause')

  const lanes = screen.getByRole('button', { name: 'Lanes' })
  await expect.element(lanes).toHaveAttribute('aria-expanded', 'false')
  await userEvent.click(lanes)
  await expect.element(lanes).toHaveAttribute('aria-expanded', 'true')
  await userEvent.click(screen.getByRole('checkbox', { name: /Diplomacy/ }))
  await userEvent.click(screen.getByRole('checkbox', { name: /Pauses and restrictions/ }))
  // Kept in lane order, whatever order they were ticked in.
  expect(view.filter.groupIds).toEqual(['diplomacy', 'policy-pause'])
  const diplomacyOrPause = useDocumentStore().document!.items.filter(
    (i) => i.groupId === 'diplomacy' || i.groupId === 'policy-pause'
  ).length
  await expect
    .poll(() => summaryOf(screen.container))
    .toBe(`${diplomacyOrPause} of 88 events; lanes: Diplomacy, Pauses and restrictions`)

  // Escape closes the panel and gives the focus back to its button.
  await userEvent.keyboard('{Escape}')
  await expect.element(lanes).toHaveAttribute('aria-expanded', 'false')
  await expect.element(lanes).toHaveFocus()
  await expect.element(lanes).toHaveAccessibleName('Lanes (2 chosen)')

  await userEvent.click(screen.getByRole('button', { name: 'Confidence' }))
  await userEvent.click(screen.getByRole('checkbox', { name: /disputed/ }))
  expect(view.filter.confidences).toEqual(['disputed'])
  await userEvent.click(screen.getByRole('checkbox', { name: 'Has notes' }))
  expect(view.filter.hasNotes).toBe(true)
  // One panel at a time: clicking elsewhere closed the confidence panel.
  await expect.element(screen.getByRole('button', { name: 'Confidence' })).toHaveAttribute('aria-expanded', 'false')
  await expect
    .poll(() => summaryOf(screen.container))
    .toBe('0 of 88 events; lanes: Diplomacy, Pauses and restrictions; confidence: disputed; with notes')
  await userEvent.click(screen.getByRole('checkbox', { name: 'Has notes' }))
  expect(view.filter.hasNotes).toBeUndefined()

  await userEvent.click(screen.getByRole('button', { name: 'Clear' }))
  expect(view.filter).toEqual({})
  expect(view.query).toBe('')
  await expect.element(screen.getByRole('searchbox')).toHaveValue('')
  await expect.poll(() => summaryOf(screen.container)).toBeNull()
  await expect.element(screen.getByRole('button', { name: 'Lanes' })).toHaveAccessibleName('Lanes')
})

test('the tag list narrows as one types and ticks tags', async () => {
  const screen = await mount()
  const view = useViewStore()
  await userEvent.click(screen.getByRole('button', { name: 'Tags' }))
  // The box to narrow the list takes the focus when the panel opens.
  const narrow = screen.getByRole('searchbox', { name: 'Filter the list of tags' })
  await expect.element(narrow).toHaveFocus()
  expect(screen.container.querySelectorAll('.tags input[type=checkbox]').length).toBeGreaterThan(100)
  await userEvent.type(narrow, 'STAR')
  await expect.poll(() => screen.container.querySelectorAll('.tags input[type=checkbox]').length).toBe(1)
  await userEvent.click(screen.getByRole('checkbox', { name: /starlink/ }))
  expect(view.filter.tags).toEqual(['starlink'])
  await expect.poll(() => summaryOf(screen.container)).toBe('6 of 88 events; tags: starlink')
})

test('a date that is not a date is shown as an error at its field and does not filter', async () => {
  const screen = await mount()
  const view = useViewStore()
  const dates = screen.getByRole('button', { name: 'Dates' })
  await userEvent.click(dates)
  const from = screen.getByRole('textbox', { name: 'From' })
  await expect.element(from).toHaveFocus()

  await userEvent.fill(from, '2022-13')
  await userEvent.keyboard('{Enter}')
  await expect.element(screen.getByRole('alert')).toHaveTextContent('“2022-13” is not a date.')
  await expect.element(from).toHaveAttribute('aria-invalid', 'true')
  expect(view.filter.from).toBeUndefined()
  expect(summaryOf(screen.container)).toBeNull()
  // Closed, the panel's button still says something there needs correcting.
  await userEvent.keyboard('{Escape}')
  await expect.element(dates).toHaveAccessibleName('Dates (needs correcting)')
  await userEvent.click(dates)

  await userEvent.fill(from, '2022-02')
  await userEvent.fill(screen.getByRole('textbox', { name: 'To' }), '2022')
  await userEvent.keyboard('{Enter}')
  expect(view.filter).toEqual({ from: '2022-02', to: '2022' })
  await expect.element(from).toHaveAttribute('aria-invalid', 'false')
  const in2022 = useDocumentStore().document!.items.filter((i) => i.start >= '2022-02' && i.start < '2023').length
  await expect.poll(() => summaryOf(screen.container)).toBe(`${in2022} of 88 events; from February 2022 to 2022`)
  await expect.element(dates).toHaveAccessibleName('Dates (2022-02–2022)')

  // Backwards: said, and nothing can match.
  await userEvent.fill(from, '2023-05')
  await userEvent.keyboard('{Enter}')
  await expect.element(screen.getByRole('alert')).toHaveTextContent('“From” is after “To”')

  // Clearing everything empties the fields too.
  await userEvent.click(screen.getByRole('button', { name: 'Clear' }))
  expect(view.filter).toEqual({})
  await userEvent.click(dates)
  await expect.element(from).toHaveValue('')
})

test('a lane that is deleted leaves the filter', async () => {
  await mount()
  const view = useViewStore()
  const documents = useDocumentStore()
  view.setFilter({ groupIds: ['diplomacy', 'military-aid'] })
  const doc = documents.document!
  documents.commit({
    ...doc,
    groups: doc.groups.filter((g) => g.id !== 'diplomacy'),
    items: doc.items.filter((i) => i.groupId !== 'diplomacy')
  })
  await expect.poll(() => view.filter.groupIds).toEqual(['military-aid'])
})

test('Down in the search box goes to the results beside the timeline', async () => {
  const bar = await mount()
  const results = await render(SearchResults, { global: { plugins: [pinia] } })
  await userEvent.fill(bar.getByRole('searchbox', { name: 'Find events' }), 'jeddah')
  await expect.poll(() => results.container.querySelectorAll('[role=option]').length).toBe(3)
  await userEvent.keyboard('{ArrowDown}')
  const first = results.container.querySelector('[role=option]')!
  expect(document.activeElement).toBe(first)
  expect(first.textContent).toContain('Ratcliffe and Waltz')
  await userEvent.keyboard('{Enter}')
  expect(useViewStore().selectedId).toBe(idOf(useDocumentStore().document!, 'Ratcliffe and Waltz'))
})
