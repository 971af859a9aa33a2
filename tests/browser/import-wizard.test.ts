/**
 * The import wizard's first steps in a real Chromium with the real stores and codecs: choosing
 * or dropping a file, the column mapping (pre-filled, an ambiguous date column that must be
 * answered, a live count), rows that cannot be read, a file nothing can read, a file too large,
 * and opening a colleague's file as a new timeline. Nothing reaches the open document.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { MAX_IMPORT_BYTES } from '@shared/codecs/types'
import { base64Of, bridge, fileOf, installBridge, mountWith } from './import-fixtures'

installBridge()
const { default: ImportWizard } = await import('@renderer/components/import/ImportWizard.vue')
const { useImportStore } = await import('@renderer/stores/import')
const { useLibraryStore } = await import('@renderer/stores/library')

// A colleague's sheet: headers the mapping recognises, one it does not ("Memo"), and a date column
// where every value could be day/month or month/day.
const SHEET = [
  'When,Headline,Details,Category,Memo',
  '05/08/2020,Zelensky appoints Kyrylo Budanov to lead HUR,From the colleague’s sheet,Covert cooperation,',
  '03/04/2022,Workshop with Kyiv analysts,"Two days, with ""hands-on"" exercises",Field reports,Olena: minutes filed',
  '11/12/2023,Conference panel,Notes on the panel,Diplomacy,'
].join('\r\n')

const dialog = () => document.querySelector('dialog.import-dialog') as HTMLDialogElement
const button = (name: string | RegExp) =>
  [...dialog().querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? '')
  ) as HTMLButtonElement
const select = (header: string) =>
  dialog().querySelector(`select[aria-label="What “${header}” holds"]`) as HTMLSelectElement
const heading = () => dialog().querySelector('[data-step-heading]')?.textContent?.trim()
const until = (check: () => unknown) => expect.poll(check, { timeout: 10_000 })

afterEach(() => {
  bridge.nextImport = null
  bridge.importError = null
  bridge.created = []
  useImportStore().cancel()
})

describe('choosing a file and the mapping step', () => {
  test('the mapping is pre-filled from the headers; the ambiguous date column must be answered; the count is live', async () => {
    const { documents } = await mountWith(ImportWizard)
    const before = documents.document
    bridge.nextImport = { fileName: 'colleague.csv', base64: base64Of(SHEET) }
    useImportStore().open()
    await until(() => dialog().open).toBe(true)
    expect(heading()).toBe('Choose a colleague’s file')

    await userEvent.click(button('Choose a file…'))
    await until(heading).toBe('What do the columns hold?')
    expect(select('When').value).toBe('start')
    expect(select('Headline').value).toBe('title')
    expect(select('Details').value).toBe('description')
    expect(select('Category').value).toBe('group')
    expect(select('Memo').value).toBe('ignore')
    // First values of each column, as text.
    expect(dialog().querySelector('tbody tr')?.textContent).toContain('05/08/2020')

    // The date column is ambiguous: it asks, with one of its own values, and Continue waits for the answer.
    const legend = dialog().querySelector('fieldset legend')
    expect(legend?.textContent).toContain('05/08/2020 means')
    expect(button('Continue').disabled).toBe(true)
    expect(dialog().querySelector('.step-foot .status')?.textContent).toContain(
      'Say how the dates in “When” are written'
    )

    await userEvent.selectOptions(select('Memo'), 'notes')
    await userEvent.click(dialog().querySelector('input[type=radio][name^="order-"]')!) // 5 August 2020 (day/month)
    await until(() => dialog().querySelector('[data-testid="mapping-count"]')?.textContent).toBe(
      '3 of 3 rows will import.'
    )
    // Without a title or description column, nothing could be named: the step says so.
    await userEvent.selectOptions(select('Headline'), 'ignore')
    await userEvent.selectOptions(select('Details'), 'ignore')
    await until(() => button('Continue').disabled).toBe(true)
    await userEvent.selectOptions(select('Headline'), 'title')
    await userEvent.selectOptions(select('Details'), 'description')

    await userEvent.click(button('Continue'))
    await until(heading).toBe('Where should it go?')
    const importer = useImportStore()
    const theirs = importer.theirs!
    expect(theirs.items.map((item) => item.start)).toEqual(['2020-08-05', '2022-04-03', '2023-12-11'])
    expect(theirs.items[1]!.notes.map((note) => [note.author, note.body])).toEqual([['Olena', 'minutes filed']])
    expect(theirs.items[1]!.description).toBe('Two days, with "hands-on" exercises')
    // Merging is the default while a timeline is open; nothing has changed in it yet.
    expect((dialog().querySelector('input[value="merge"]') as HTMLInputElement).checked).toBe(true)
    expect(documents.document).toBe(before)
  })

  test('month/day reads the same column the other way', async () => {
    await mountWith(ImportWizard)
    await useImportStore().start(fileOf(SHEET, 'colleague.csv'))
    await until(heading).toBe('What do the columns hold?')
    const radios = dialog().querySelectorAll<HTMLInputElement>('input[type=radio][name^="order-"]')
    expect(radios[1]!.closest('label')?.textContent).toContain('8 May 2020')
    await userEvent.click(radios[1]!)
    await userEvent.click(button('Continue'))
    await until(heading).toBe('Where should it go?')
    expect(useImportStore().theirs!.items.map((item) => item.start)).toEqual(['2020-05-08', '2022-03-04', '2023-11-12'])
  })

  test('Cancel on the mapping step closes the wizard and changes nothing', async () => {
    const { documents } = await mountWith(ImportWizard)
    const before = documents.document
    await useImportStore().start(fileOf(SHEET, 'colleague.csv'))
    await until(heading).toBe('What do the columns hold?')
    await userEvent.click(button('Cancel'))
    await until(() => dialog().open).toBe(false)
    expect(useImportStore().step).toBe('closed')
    expect(documents.document).toBe(before)
    expect(documents.dirty).toBe(false)
  })

  test('Escape cancels too', async () => {
    const { documents } = await mountWith(ImportWizard)
    const before = documents.document
    await useImportStore().start(fileOf(SHEET, 'colleague.csv'))
    await until(heading).toBe('What do the columns hold?')
    await userEvent.keyboard('{Escape}')
    await until(() => dialog().open).toBe(false)
    expect(documents.document).toBe(before)
  })
})

describe('what cannot be read', () => {
  test('rows that cannot be read are listed, and the rest can be imported', async () => {
    await mountWith(ImportWizard)
    const sheet = [
      'Date,Title,End date',
      '2014-03-18,Putin signs treaty,',
      'not a date,A row without a date,',
      '2015-02-12,Minsk II,2014-01-01',
      '2016-05-01,A good row,'
    ].join('\n')
    await useImportStore().start(fileOf(sheet, 'bad-rows.csv'))
    await until(heading).toBe('What do the columns hold?')
    await userEvent.click(button('Continue'))
    await until(heading).toBe('2 rows cannot be read')
    const items = [...dialog().querySelectorAll('ul[aria-label="Problems"] li')].map((li) => li.textContent)
    expect(items.length).toBeGreaterThanOrEqual(2)
    // Each names the file and the row, and says what is wrong.
    expect(items.every((text) => text?.startsWith('bad-rows.csv, row '))).toBe(true)
    expect(items.join('\n')).toContain('not a date')
    expect(dialog().textContent).toContain('Import the other 2 events?')

    await userEvent.click(button('Import the other 2 events'))
    await until(heading).toBe('Where should it go?')
    expect(useImportStore().theirs!.items.map((item) => item.title)).toEqual(['Putin signs treaty', 'A good row'])
  })

  test('a row read without one of its links is not a row that cannot be read (issue 11); problems in row order', async () => {
    await mountWith(ImportWizard)
    const sheet = [
      'Date,Title,Link',
      '2016-05-01,A good row,https://example.org/a',
      '2014-03-18,Putin signs treaty,javascript:alert(1)',
      'not a date,A row without a date,'
    ].join('\n')
    await useImportStore().start(fileOf(sheet, 'links.csv'))
    await until(heading).toBe('What do the columns hold?')
    await until(() => dialog().querySelector('[data-testid="mapping-count"]')?.textContent?.trim()).toBe(
      '2 of 3 rows will import; 1 row cannot be read; 1 row was read without part of it.'
    )
    await userEvent.click(button('Continue'))
    await until(heading).toBe('1 row cannot be read; 1 row was read without part of it')
    const items = [...dialog().querySelectorAll('ul[aria-label="Problems"] li')].map((li) => li.textContent?.trim())
    expect(items).toHaveLength(2)
    expect(items[0]).toMatch(/^links\.csv, row 3, Link: .*\(read without it\)$/)
    expect(items[1]).toMatch(/^links\.csv, row 4, Date: .*\(row left out\)$/)
    await userEvent.click(button('Import the other 2 events'))
    await until(heading).toBe('Where should it go?')
  })

  test('a file nothing can read: its problems, and Close', async () => {
    const { documents } = await mountWith(ImportWizard)
    const before = documents.document
    await useImportStore().start(fileOf('{"format": "chronotes", "items": [', 'broken.chronotes.json'))
    await until(heading).toBe('Nothing could be read from broken.chronotes.json')
    expect(dialog().querySelector('ul[aria-label="Problems"]')?.textContent).toContain('broken.chronotes.json')
    expect(button('Close')).toBeTruthy()
    expect(button(/Import the other/)).toBeUndefined()
    await userEvent.click(button('Close'))
    await until(() => dialog().open).toBe(false)
    expect(documents.document).toBe(before)
  })

  test('a dropped file over the limit is refused with a clear message, before it is read', async () => {
    await mountWith(ImportWizard)
    const huge = fileOf('x', 'huge.csv')
    Object.defineProperty(huge, 'size', { value: MAX_IMPORT_BYTES + 5 * 1024 * 1024 })
    Object.defineProperty(huge, 'arrayBuffer', { value: () => Promise.reject(new Error('must not be read')) })
    await useImportStore().start(huge)
    await until(() => dialog().querySelector('[role=alert]')?.textContent).toBe(
      '“huge.csv” is 165 MB; Chronotes imports files of up to 160 MB.'
    )
    expect(heading()).toBe('Choose a colleague’s file')
  })

  test('a refusal from main (too large) is shown on the first step', async () => {
    await mountWith(ImportWizard)
    bridge.importError = { code: 'TOO_LARGE', message: '“big.csv” is 240 MB; Chronotes imports files of up to 100 MB.' }
    useImportStore().open()
    await until(() => dialog().open).toBe(true)
    await userEvent.click(button('Choose a file…'))
    await until(() => dialog().querySelector('[role=alert]')?.textContent).toBe(
      '“big.csv” is 240 MB; Chronotes imports files of up to 100 MB.'
    )
    expect(heading()).toBe('Choose a colleague’s file')
  })
})

describe('dropping a file on the window', () => {
  function drag(type: string, files: File[]): DragEvent {
    const data = new DataTransfer()
    for (const file of files) data.items.add(file)
    const event = new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })
    document.body.dispatchEvent(event)
    return event
  }

  test('shows “Drop to import” while files are held over the window, and a drop starts the import', async () => {
    await mountWith(ImportWizard)
    const file = fileOf(SHEET, 'dropped.csv')
    drag('dragenter', [file])
    expect(drag('dragover', [file]).defaultPrevented).toBe(true)
    await until(() => document.querySelector('.drop-overlay')?.textContent).toContain('Drop to import')
    const drop = drag('drop', [file])
    expect(drop.defaultPrevented).toBe(true) // the page never navigates to the file
    await until(() => document.querySelector('.drop-overlay')).toBeNull()
    await until(heading).toBe('What do the columns hold?')
    expect(useImportStore().fileName).toBe('dropped.csv')
  })

  test('drags of anything but files are left alone', async () => {
    await mountWith(ImportWizard)
    const data = new DataTransfer()
    data.setData('text/plain', 'some text')
    const event = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true })
    document.body.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
    expect(document.querySelector('.drop-overlay')).toBeNull()
  })

  test('a drop while another dialog is open is not taken', async () => {
    await mountWith(ImportWizard)
    const other = document.createElement('dialog')
    document.body.append(other)
    other.showModal()
    try {
      drag('dragenter', [fileOf(SHEET, 'dropped.csv')])
      drag('drop', [fileOf(SHEET, 'dropped.csv')])
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(useImportStore().step).toBe('closed')
    } finally {
      other.close()
      other.remove()
    }
  })
})

describe('opening as a new timeline', () => {
  test('saves their document in the library and opens it; mine is untouched', async () => {
    const { documents } = await mountWith(ImportWizard)
    const mine = documents.document
    const library = useLibraryStore()
    await useImportStore().start(fileOf(SHEET.replace('05/08/2020', '25/08/2020'), 'colleague.csv'))
    await until(heading).toBe('What do the columns hold?')
    // 25/08 settles the order: no question is asked.
    expect(dialog().querySelector('fieldset legend')).toBeNull()
    await userEvent.click(button('Continue'))
    await until(heading).toBe('Where should it go?')
    await userEvent.click(dialog().querySelector('input[value="new"]')!)
    await userEvent.click(button('Open as a new timeline'))
    await until(() => dialog().open).toBe(false)
    expect(bridge.created).toHaveLength(1)
    expect(bridge.created[0]!.items).toHaveLength(3)
    expect(documents.name).toBe('colleague.chronotes.json')
    expect(documents.document).toBe(bridge.created[0])
    expect(mine!.items).toHaveLength(88)
    expect(library.entries).toEqual([])
    await until(() => document.querySelector('.import-notice')?.textContent).toContain(
      'Opened colleague.csv as a new timeline'
    )
  })

  test('with no timeline open, merging is not offered', async () => {
    await mountWith(ImportWizard, { open: false })
    await useImportStore().start(fileOf(SHEET.replace('05/08/2020', '25/08/2020'), 'colleague.csv'))
    await until(heading).toBe('What do the columns hold?')
    await userEvent.click(button('Continue'))
    await until(heading).toBe('Where should it go?')
    expect((dialog().querySelector('input[value="merge"]') as HTMLInputElement).disabled).toBe(true)
    expect((dialog().querySelector('input[value="new"]') as HTMLInputElement).checked).toBe(true)
  })
})

test('a hostile header and cells stay text in the mapping step', async () => {
  await mountWith(ImportWizard)
  const payload = '<img src=x onerror="window.__pwned=1">'
  const sheet = [`Date,"${payload.replace(/"/g, '""')}"`, `2014-03-18,"${payload.replace(/"/g, '""')}"`].join('\n')
  await useImportStore().start(fileOf(sheet, 'hostile.csv'))
  await until(heading).toBe('What do the columns hold?')
  expect(dialog().querySelector('tbody')?.textContent).toContain(payload)
  expect(dialog().querySelector('img')).toBeNull()
  expect(window.__pwned).toBeUndefined()
})
