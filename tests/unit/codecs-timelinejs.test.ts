import { describe, expect, it } from 'vitest'
import { precisionOf } from '../../src/shared/model/dates'
import { timelineJsJsonReader, timelineJsJsonWriter } from '../../src/shared/codecs/timelinejs'
import { tokenizeHtml } from '../../src/shared/codecs/timelinejs-html'
import { MAX_IMPORT_BYTES } from '../../src/shared/codecs/types'
import { formatProblem } from '../../src/shared/model/problems'
import { DocumentSchema, type TimelineDocument } from '../../src/shared/model/schema'
import {
  HOSTILE,
  LIVE_MARKUP,
  NOW,
  allStrings,
  context,
  datasetWithNotes,
  fixture,
  laneTitle,
  okDocument
} from './codecs-timelinejs-helpers'

const readJson = (text: string, name = 'timeline.json') => timelineJsJsonReader.read(text, context(name))

describe('reading TimelineJS JSON', () => {
  const result = readJson(fixture('timelinejs.json'))
  const document = okDocument(result)
  const byTitle = (title: string) => document.items.find((i) => i.title === title)!

  it('reads the title slide as the document title and description', () => {
    expect(document.title).toBe('Ukraine & the CIA A Partnership')
    expect(document.description).toBe('An example timeline in the format TimelineJS documents, with HTML in its text.')
    expect(DocumentSchema.safeParse(document).success).toBe(true)
  })

  it('keeps the precision the date parts give: month, day range, minute', () => {
    expect(byTitle('New SBU head reaches out to the CIA')).toMatchObject({
      start: '2014-02',
      kind: 'point'
    })
    expect(byTitle('Operation Goldfish trains Unit 2245')).toMatchObject({
      start: '2016-01-15',
      end: '2016-12-31',
      kind: 'range'
    })
    expect(byTitle('Invasion')).toMatchObject({ start: '2022-02-24T04:50:00Z' })
  })

  it('makes lanes from groups and puts eras, as background events, in an "Eras" lane', () => {
    expect(document.groups.map((g) => g.title)).toEqual([
      'Covert cooperation',
      'Russian actions',
      'Military aid',
      'Eras'
    ])
    const era = byTitle('From Maidan to Minsk II')
    expect(era).toMatchObject({ kind: 'background', start: '2014-02', end: '2015-02' })
    expect(laneTitle(document, era)).toBe('Eras')
  })

  it('turns media into a source with its caption and credit as text, and text HTML into Markdown', () => {
    const event = byTitle('New SBU head reaches out to the CIA')
    expect(event.sources).toEqual([
      {
        title: 'The Spy War: How the C.I.A. Secretly Helps Ukraine Fight Putin',
        outlet: 'The New York Times',
        url: 'https://www.nytimes.com/2024/02/25/world/europe/the-spy-war-how-the-cia-secretly-helps-ukraine-fight-putin.html',
        published: null
      }
    ])
    expect(event.description).toBe(
      'Valentyn Nalyvaichenko contacts CIA officials within hours of taking over.\n\n- First contact\n- Rebuilding the service'
    )
  })

  it('keeps unique_id as the event id and in its provenance', () => {
    const event = byTitle('New SBU head reaches out to the CIA')
    expect(event.id).toBe('sbu-reaches-out')
    expect(event.provenance).toEqual({
      importedFrom: 'timeline.json',
      importedAt: NOW.toISOString(),
      originalId: 'sbu-reaches-out'
    })
  })

  it('keeps a display date that says more than the dates, and titles an event without a headline from its text', () => {
    // The date as the file shows it is kept as the event's date as given, not in its description.
    expect(byTitle('Operation Goldfish trains Unit 2245').displayDate).toBe('Throughout 2016')
    expect(byTitle('Operation Goldfish trains Unit 2245').description).not.toContain('Throughout 2016')
    expect(
      document.items.some((i) => i.title === 'Congress passes the supplemental aid bill after months of delay.')
    ).toBe(true)
  })

  it('lists each broken record with its field, and reads the rest', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      "timeline.json, title slide, media: was not imported: the title slide becomes the timeline's title and description, which have no media",
      'timeline.json, event 4 ("A broken month"), start_date.month: is 13; a month is 1 to 12',
      'timeline.json, event 5 ("No start date at all"), start_date: is missing',
      'timeline.json, event 6 ("Ends before it starts"), end_date.year: is 2023, before \'start_date.year\' 2024',
      'timeline.json, era 2 ("An era with no end"), end_date: is missing; a TimelineJS era needs an end date'
    ])
    expect(document.items).toHaveLength(5)
  })

  it('refuses what is not TimelineJS JSON, or too large, with a reason', () => {
    expect(readJson('{"events": [').status).toBe('failed')
    expect(readJson('{"title": {}}').problems[0]).toMatchObject({ field: 'events' })
    expect(readJson('[1, 2]').status).toBe('failed')
    const huge = readJson(' '.repeat(MAX_IMPORT_BYTES + 1))
    expect(huge.status).toBe('failed')
    expect(huge.problems[0]!.message).toMatch(/larger than 160 MB/)
  })

  it('is recognised by sniffing, and does not claim Chronotes or vis-timeline files', () => {
    expect(timelineJsJsonReader.sniff(fixture('timelinejs.json'), 'x.json')).toBeGreaterThan(0.8)
    expect(timelineJsJsonReader.sniff('{"format":"chronotes","events":[]}', 'x.json')).toBe(0)
    expect(timelineJsJsonReader.sniff(fixture('vis-items-array.json'), 'x.json')).toBe(0)
  })
})

describe('writing TimelineJS JSON', () => {
  const document = datasetWithNotes()
  const json = JSON.parse(timelineJsJsonWriter.write(document)) as {
    title: { text: { headline: string; text: string } }
    events: {
      start_date: Record<string, string>
      end_date?: Record<string, string>
      text: { headline: string; text: string }
      group: string
      unique_id: string
    }[]
  }

  it('writes every event with its id, lane and dates only as precise as the event', () => {
    expect(json.events).toHaveLength(88)
    expect(json.title.text.headline).toBe('US–Ukraine intelligence cooperation, 2014–2025')
    for (const [index, item] of document.items.entries()) {
      const event = json.events[index]!
      expect(event.unique_id).toBe(item.id)
      expect(event.group).toBe(laneTitle(document, item))
      const keys = Object.keys(event.start_date)
      expect(keys).toEqual(
        { year: ['year'], month: ['year', 'month'], day: ['year', 'month', 'day'] }[
          precisionOf(item.start) as 'year' | 'month' | 'day'
        ]
      )
      expect(event.start_date['year']).toBe(String(Number(item.start.slice(0, 4))))
      expect(Boolean(event.end_date)).toBe(item.kind !== 'point')
    }
  })

  it('puts sources as links and notes as "author, date: body" into the text', () => {
    const first = json.events[0]!.text.text
    expect(first).toContain(
      '<a href="https://www.kyivpost.com/post/28678" target="_blank" rel="noopener noreferrer">Kyiv Post</a>'
    )
    expect(first).toContain('<em>Olena K., 1 March 2025:</em> <span class="chronotes-note-body"')
    expect(first).toContain('>Check the Kyiv Post date against the NYT piece.</span>')
    expect(first).toContain(
      '>Two sources agree.<br>The third is a summary.<br><br>Keep as &quot;reported&quot;.</span>'
    )
    expect(json.events[10]!.text.text).toContain('Is 5 &lt; 7 &amp; &quot;quoted&quot; text kept?')
  })

  it('writes only the chosen events when asked', () => {
    const ids = document.items.slice(3, 5).map((i) => i.id)
    const chosen = JSON.parse(timelineJsJsonWriter.write(document, { itemIds: ids })) as {
      events: { unique_id: string }[]
    }
    expect(chosen.events.map((e) => e.unique_id)).toEqual(ids)
  })
})

/** The fields of an event TimelineJS can carry (in its own fields or Chronotes' sections of text). */
function comparable(document: TimelineDocument) {
  return document.items.map((item) => ({
    id: item.id,
    lane: laneTitle(document, item),
    kind: item.kind,
    start: item.start,
    end: item.end,
    precision: precisionOf(item.start),
    title: item.title,
    description: item.description,
    tags: item.tags,
    confidence: item.confidence,
    sources: item.sources,
    notes: item.notes
  }))
}

describe('TimelineJS JSON round trip', () => {
  it('keeps the dataset, notes included: ids, lanes, dates at precision, text, sources, notes', () => {
    const document = datasetWithNotes()
    const back = okDocument(readJson(timelineJsJsonWriter.write(document), 'back.json'))
    expect(back.title).toBe(document.title)
    expect(back.description).toBe(document.description)
    expect(comparable(back)).toEqual(comparable(document))
    expect(back.items[0]!.provenance?.originalId).toBe(document.items[0]!.id)
  })

  it('keeps minute precision, background events (once, not again as eras) and text full of markup characters', () => {
    const document = datasetWithNotes()
    const lane = document.groups[0]!
    lane.title = 'R&D <team> "A"'
    Object.assign(document.items[0]!, {
      kind: 'background',
      end: '2014-05',
      title: 'Tom & Jerry <b>not bold</b> &amp;',
      description: 'Paragraph one\n\n  indented *markdown* & <tags>\n\n\n'
    })
    Object.assign(document.items[1]!, {
      kind: 'range',
      start: '2014-03-01T09:30:00Z',
      end: '2014-03-02T18:05:00Z'
    })
    expect(DocumentSchema.safeParse(document).success).toBe(true)
    const text = timelineJsJsonWriter.write(document)
    expect(JSON.parse(text).eras).toHaveLength(1)
    const back = okDocument(readJson(text))
    expect(comparable(back)).toEqual(comparable(document))
  })
})

describe('hostile TimelineJS files', () => {
  const payload = HOSTILE.join(' ')
  const hostile = JSON.stringify({
    title: { text: { headline: payload, text: payload } },
    events: [
      {
        start_date: { year: '2014', display_date: payload },
        text: { headline: payload, text: `<p onclick="alert(1)">${payload}</p>` },
        group: payload,
        display_date: payload,
        unique_id: payload,
        media: { url: 'javascript:alert(1)', caption: payload, credit: payload }
      },
      {
        start_date: { year: '2015' },
        text: {
          headline: `A ${HOSTILE[1]}`,
          text: `<div class="chronotes-sources"><ul><li data-url="javascript:alert(1)" data-title="${HOSTILE[0].replace(/"/g, '&quot;')}">x</li></ul></div>`
        },
        media: { url: HOSTILE[3], caption: payload }
      }
    ],
    eras: [{ start_date: { year: '2014' }, end_date: { year: '2015' }, text: { headline: payload } }]
  })

  it('reads script and event-handler payloads in every field as inert text', () => {
    const document = okDocument(readJson(hostile))
    expect(document.items).toHaveLength(3)
    // Ids are kept as the file wrote them (the provenance must say what the colleague's id was); they are never HTML.
    const fields = document.items.map(({ id: _id, provenance: _p, sources: _s, ...rest }) => rest)
    for (const text of allStrings({ ...document, items: fields })) {
      expect(text).not.toMatch(LIVE_MARKUP)
      expect(text).not.toMatch(/javascript:/i)
    }
    expect(document.items.flatMap((i) => i.sources.map((s) => s.url))).toEqual([null])
    expect(document.items[0]!.title).toContain('click me')
  })

  it('escapes hostile Chronotes text on export so that TimelineJS shows it as text', () => {
    const document = datasetWithNotes()
    const item = document.items[0]!
    document.groups.find((g) => g.id === item.groupId)!.title = payload
    Object.assign(item, { title: payload, description: payload, tags: [payload.slice(0, 100)] })
    item.notes[0]!.author = payload
    item.notes[0]!.body = payload
    item.sources[0]!.title = payload
    const json = JSON.parse(timelineJsJsonWriter.write(document)) as {
      events: { text: { headline: string; text: string }; group: string }[]
    }
    const event = json.events[0]!
    expect(event.text.headline).not.toContain('<')
    // TimelineJS decodes a group twice before setting it as HTML: after one decoding it must still be text.
    expect(event.group).not.toMatch(/[<>]|&lt;|&gt;/)
    const allowed = new Set(['div', 'p', 'br', 'ul', 'li', 'a', 'strong', 'em', 'span', 'small'])
    for (const token of tokenizeHtml(event.text.text)) {
      if (token.type === 'text') continue
      expect(allowed).toContain(token.name)
      if (token.type === 'open') for (const name of Object.keys(token.attrs)) expect(name).not.toMatch(/^on/)
      if (token.type === 'open' && token.name === 'a') expect(token.attrs['href']).toMatch(/^https?:\/\//)
    }
    const back = okDocument(readJson(JSON.stringify(json)))
    expect(back.items[0]!.title).toBe(payload)
    expect(back.items[0]!.notes[0]!.body).toBe(payload)
    expect(laneTitle(back, back.items[0]!)).toBe(payload)
  })
})
