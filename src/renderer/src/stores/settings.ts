import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SettingsPatch } from '@shared/ipc'
import { api } from '../api'

/** The user's settings as main keeps them: the author name that signs notes, and whether it was confirmed. */
export const useSettingsStore = defineStore('settings', () => {
  const authorName = ref('')
  const authorConfirmed = ref(false)
  const libraryPath = ref('')

  async function load(): Promise<void> {
    const settings = await api.settings.get()
    authorName.value = settings.authorName
    authorConfirmed.value = settings.authorConfirmed
    libraryPath.value = settings.libraryPath
  }

  async function update(patch: SettingsPatch): Promise<void> {
    const settings = await api.settings.update(patch)
    authorName.value = settings.authorName
    authorConfirmed.value = settings.authorConfirmed
  }

  return { authorName, authorConfirmed, libraryPath, load, update }
})
