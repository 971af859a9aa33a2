import { api } from '../api'

/**
 * Links inside rendered Markdown must not navigate the app's window: a click opens the address
 * in the system browser instead (main checks again that it is http(s)).
 */
export function openLinkInBrowser(event: MouseEvent): void {
  const link = (event.target as HTMLElement | null)?.closest('a')
  if (!link) return
  event.preventDefault()
  const href = link.getAttribute('href') ?? ''
  if (/^https?:\/\//i.test(href)) void api.app.openExternal(href)
}
