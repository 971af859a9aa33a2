import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue'

export interface Draft {
  /** What the field shows: the stored value, or what the user typed and has not been saved yet. */
  text: Ref<string>
  /** What is wrong with the text now ('' when it can be saved). */
  error: ComputedRef<string>
  /** The error once the user tried to save it (Enter, leaving the field): not while still typing. */
  shownError: ComputedRef<string>
  /** Saves the text if it is valid and changed; shows the error if it is not valid. */
  commit: () => boolean
}

/**
 * One field's local draft of a stored value. A valid draft is saved on commit; an invalid one stays
 * in the field with its error and is never saved, and never overwritten when the stored value changes
 * for another reason (an undo, a drag). A valid draft follows the stored value, and is saved when
 * the component goes away (the user picked another event while typing).
 */
export function useDraft(options: {
  stored: () => string
  save: (value: string) => void
  check?: (text: string) => string
  tidy?: (text: string) => string
}): Draft {
  const tidy = options.tidy ?? ((text: string) => text)
  const text = ref(options.stored())
  const attempted = ref(false)
  const error = computed(() => options.check?.(text.value) ?? '')
  const shownError = computed(() => (attempted.value ? error.value : ''))

  watch(error, (now) => {
    if (!now) attempted.value = false
  })
  watch(options.stored, (value) => {
    if (!error.value) text.value = value
  })

  function commit(): boolean {
    if (error.value) {
      attempted.value = true
      return false
    }
    const value = tidy(text.value)
    text.value = value
    if (value !== options.stored()) options.save(value)
    return true
  }

  onBeforeUnmount(() => {
    if (!error.value && tidy(text.value) !== options.stored()) options.save(tidy(text.value))
  })

  return { text, error, shownError, commit }
}
