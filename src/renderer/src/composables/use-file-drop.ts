import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export interface FileDropOptions {
  /** Called with the first dropped file. */
  onDrop(file: File): void
  /** Whether a drop is welcome now (not while another dialog is open, say). */
  accepts?(): boolean
}

/** Whether a drag carries files (not text or a link dragged from a page or from the app itself). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

/**
 * Files dropped anywhere on the window. `dragging` is true while files are held over the window,
 * for an overlay that says what a drop will do. Drags of anything else are left alone, so that
 * dragging events on the timeline or text between fields works as before.
 */
export function useFileDrop(options: FileDropOptions): { dragging: Ref<boolean> } {
  const dragging = ref(false)
  // dragenter and dragleave fire for every element crossed; the window is left when they balance.
  let depth = 0
  const welcome = () => options.accepts?.() ?? true

  function onDragEnter(event: DragEvent): void {
    if (!carriesFiles(event)) return
    event.preventDefault()
    depth++
    dragging.value = welcome()
  }

  function onDragOver(event: DragEvent): void {
    if (!carriesFiles(event)) return
    // Without preventDefault the browser refuses the drop (and would open the file itself).
    event.preventDefault()
    const ok = welcome()
    if (event.dataTransfer) event.dataTransfer.dropEffect = ok ? 'copy' : 'none'
    dragging.value = ok
  }

  function onDragLeave(event: DragEvent): void {
    if (!carriesFiles(event)) return
    depth = Math.max(0, depth - 1)
    // Leaving the window itself clears the overlay even if the counts went astray.
    const outside =
      event.clientX <= 0 || event.clientY <= 0 || event.clientX >= innerWidth || event.clientY >= innerHeight
    if (depth === 0 || outside) reset()
  }

  function onDropEvent(event: DragEvent): void {
    if (!carriesFiles(event)) return
    // Never let the page navigate to a dropped file.
    event.preventDefault()
    depth = 0
    dragging.value = false
    const file = event.dataTransfer?.files[0]
    if (file && welcome()) options.onDrop(file)
  }

  function reset(): void {
    depth = 0
    dragging.value = false
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && dragging.value) reset()
  }

  // In the capture phase, on the way down: vis-timeline (hammer.js) stops drag events on the
  // timeline before they bubble up to the window, which left the drop unseen and the overlay up.
  const listeners: [string, (event: never) => void][] = [
    ['dragenter', onDragEnter],
    ['dragover', onDragOver],
    ['dragleave', onDragLeave],
    ['drop', onDropEvent],
    ['dragend', reset],
    ['keydown', onKeydown]
  ]
  onMounted(() => {
    for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener, true)
  })
  onBeforeUnmount(() => {
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener, true)
  })
  return { dragging }
}
