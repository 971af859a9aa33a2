/**
 * Markdown from descriptions and notes may come from a colleague's file: whatever it holds,
 * what renderMarkdown returns runs nothing, loads nothing and links only to http(s) or mailto.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { renderMarkdown } from '../../src/renderer/src/composables/markdown'

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '<svg onload="window.__pwned = 1"><script>window.__pwned = 1</script></svg>',
  '<svg><a xlink:href="javascript:window.__pwned = 1"><text y="20">x</text></a></svg>',
  '<iframe src="javascript:window.__pwned = 1"></iframe>',
  '<a href="javascript:window.__pwned = 1">click</a>',
  '[click](javascript:window.__pwned=1)',
  '[click](JAVASCRIPT:window.__pwned=1)',
  '[click](  javascript:window.__pwned=1)',
  '[click](&#106;avascript:window.__pwned=1)',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[click](vbscript:msgbox)',
  '![remote](https://example.org/tracker.png)',
  '![x](x" onerror="window.__pwned=1)',
  '<div style="background:url(https://example.org/x)">styled</div>',
  '<form action="https://example.org"><input name=q></form>',
  '<math><mtext><script>window.__pwned = 1</script></mtext></math>',
  '<details open ontoggle="window.__pwned = 1">x</details>',
  '<object data="javascript:window.__pwned=1"></object>',
  '<base href="https://example.org/">',
  '<meta http-equiv="refresh" content="0;url=https://example.org">',
  '<link rel="stylesheet" href="https://example.org/x.css">',
  '<style>@import "https://example.org/x.css";</style>'
]

const hosts: HTMLElement[] = []
afterEach(() => hosts.splice(0).forEach((host) => host.remove()))

function mountHtml(html: string): HTMLElement {
  const host = document.createElement('div')
  host.innerHTML = html
  document.body.appendChild(host)
  hosts.push(host)
  return host
}

describe('renderMarkdown against hostile input', () => {
  test.each(HOSTILE)('%s is inert', async (payload) => {
    const host = mountHtml(renderMarkdown(`Before\n\n${payload}\n\nAfter`))
    // Give any event handler or navigation a chance to run.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    expect(
      host.querySelectorAll('script, iframe, object, embed, img, svg, math, form, input, style, link, meta, base')
    ).toHaveLength(0)
    for (const element of host.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false)
        expect(attribute.name).not.toBe('style')
      }
    }
    for (const link of host.querySelectorAll('a'))
      expect(link.getAttribute('href') ?? '').toMatch(/^(https?:|mailto:|$)/i)
    // The text around it is still there: sanitising drops the payload, not the note.
    expect(host.textContent).toContain('Before')
    expect(host.textContent).toContain('After')
  })

  test('ordinary Markdown still renders', () => {
    const host = mountHtml(renderMarkdown('**bold** _it_ [site](https://example.org) <b>raw</b>\n\n- a\n- b'))
    expect(host.querySelector('strong')?.textContent).toBe('bold')
    expect(host.querySelector('em')?.textContent).toBe('it')
    expect(host.querySelector('a')?.getAttribute('href')).toBe('https://example.org')
    expect(host.querySelectorAll('li')).toHaveLength(2)
    // Raw HTML is shown as the text it is, never as markup.
    expect(host.querySelector('b')).toBeNull()
    expect(host.textContent).toContain('<b>raw</b>')
  })
})
