import { storeToRefs } from 'pinia'
import { onBeforeUnmount, ref, watchEffect } from 'vue'
import { useSettingsStore } from '../stores/settings'

/**
 * Puts the theme on the page as `data-theme="light|dark"` (app.css holds both palettes): the
 * user's choice, or the system's while the choice is "System", following it when it changes.
 */
export function useTheme(): void {
  const { theme } = storeToRefs(useSettingsStore())
  const query = globalThis.matchMedia('(prefers-color-scheme: dark)')
  const systemDark = ref(query.matches)
  const onChange = (event: MediaQueryListEvent) => (systemDark.value = event.matches)
  query.addEventListener('change', onChange)
  onBeforeUnmount(() => query.removeEventListener('change', onChange))
  watchEffect(() => {
    const dark = theme.value === 'dark' || (theme.value === 'system' && systemDark.value)
    globalThis.document.documentElement.dataset['theme'] = dark ? 'dark' : 'light'
  })
}
