import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Session, SettingsPatch, Theme } from '@shared/ipc'
import { api } from '../api'

/**
 * The user's settings as main keeps them: the author name that signs notes and whether it was
 * confirmed, the theme, and where the user left this library's timeline (its session).
 */
export const useSettingsStore = defineStore('settings', () => {
  const authorName = ref('')
  const authorConfirmed = ref(false)
  const libraryPath = ref('')
  const theme = ref<Theme>('system')
  /** As it was when the library was opened: what to reopen. Saving a new one does not change it. */
  const session = shallowRef<Session | undefined>(undefined)

  async function load(): Promise<void> {
    const settings = await api.settings.get()
    authorName.value = settings.authorName
    authorConfirmed.value = settings.authorConfirmed
    libraryPath.value = settings.libraryPath
    theme.value = settings.theme ?? 'system'
    session.value = settings.session
  }

  async function update(patch: SettingsPatch): Promise<void> {
    const settings = await api.settings.update(patch)
    authorName.value = settings.authorName
    authorConfirmed.value = settings.authorConfirmed
    theme.value = settings.theme ?? 'system'
  }

  return { authorName, authorConfirmed, libraryPath, theme, session, load, update }
})
