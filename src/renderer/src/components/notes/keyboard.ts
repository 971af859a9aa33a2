/**
 * Enter on a focused button or link must press it. The app's plain-key shortcut for Enter ("Open
 * Selected Event") listens on window and prevents the default, which would swallow the press, so
 * the notes' sections keep Enter on their own controls from reaching it.
 */
export function keepEnterForControls(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null
  if (event.key === 'Enter' && target?.closest?.('button, a[href], summary')) event.stopPropagation()
}
