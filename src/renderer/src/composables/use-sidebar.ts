import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

/** Below this, the main view (timeline, list or notes) is too narrow to use. */
export const MIN_MAIN_WIDTH = 720
export const SIDEBAR_WIDTH = 260

/**
 * Whether the library sidebar is folded to a rail. The user folds and unfolds it; when the window,
 * the details panel and the search results leave the main view less than MIN_MAIN_WIDTH, it folds
 * by itself (once, as that happens: unfolding it again afterwards is the user's choice).
 */
export function useSidebar(besideMain: () => number): { collapsed: Ref<boolean>; toggle(): void } {
  const collapsed = ref(false)
  const width = ref(globalThis.innerWidth)
  const onResize = () => (width.value = globalThis.innerWidth)
  const cramped = () => width.value - SIDEBAR_WIDTH - besideMain() < MIN_MAIN_WIDTH

  watch(cramped, (now) => {
    if (now) collapsed.value = true
  })
  onMounted(() => {
    globalThis.addEventListener('resize', onResize)
    if (cramped()) collapsed.value = true
  })
  onBeforeUnmount(() => globalThis.removeEventListener('resize', onResize))
  return { collapsed, toggle: () => (collapsed.value = !collapsed.value) }
}
