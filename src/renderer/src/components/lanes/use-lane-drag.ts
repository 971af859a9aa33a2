import { ref } from 'vue'

/** The drag's own type, so that text or files dragged in from elsewhere are not taken for a lane. */
const LANE_TYPE = 'application/x-chronotes-lane'

export type DropPosition = 'before' | 'after'

/**
 * Reordering lanes by HTML5 drag and drop on the rows. A row is dropped before or after the row
 * under the pointer (which half of it), and the whole move is one call to `commit` (one undo step).
 */
export function useLaneDrag(order: () => string[], commit: (ids: string[], moved: string) => void) {
  const dragging = ref<string | null>(null)
  const target = ref<{ id: string; position: DropPosition } | null>(null)

  function onDragStart(id: string, event: DragEvent): void {
    dragging.value = id
    const transfer = event.dataTransfer
    if (!transfer) return
    transfer.effectAllowed = 'move'
    transfer.setData(LANE_TYPE, id)
    // The drag starts on the handle; the picture that follows the pointer is the whole row.
    const row = (event.currentTarget as HTMLElement | null) ?? null
    if (row && event.target !== row) transfer.setDragImage(row, 16, row.offsetHeight / 2)
  }

  function isLaneDrag(event: DragEvent): boolean {
    return dragging.value !== null || Boolean(event.dataTransfer?.types.includes(LANE_TYPE))
  }

  function onDragOver(id: string, event: DragEvent): void {
    if (!isLaneDrag(event)) return
    event.preventDefault() // this is what makes the row a drop target
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect()
    target.value = { id, position: event.clientY < box.top + box.height / 2 ? 'before' : 'after' }
  }

  function onDragLeave(id: string, event: DragEvent): void {
    // Moving onto a control inside the row is not leaving it.
    const into = event.relatedTarget as Node | null
    if (into && (event.currentTarget as HTMLElement).contains(into)) return
    if (target.value?.id === id) target.value = null
  }

  function onDrop(id: string, event: DragEvent): void {
    if (!isLaneDrag(event)) return
    event.preventDefault()
    const moved = dragging.value ?? event.dataTransfer?.getData(LANE_TYPE) ?? ''
    const position = target.value?.id === id ? target.value.position : 'before'
    reset()
    const next = reordered(order(), moved, id, position)
    if (next) commit(next, moved)
  }

  function reset(): void {
    dragging.value = null
    target.value = null
  }

  return { dragging, target, onDragStart, onDragOver, onDragLeave, onDrop, onDragEnd: reset }
}

/** The order with `moved` put before or after `onto`; null when that changes nothing. */
export function reordered(ids: string[], moved: string, onto: string, position: DropPosition): string[] | null {
  if (!ids.includes(moved) || !ids.includes(onto) || moved === onto) return null
  const rest = ids.filter((id) => id !== moved)
  const at = rest.indexOf(onto) + (position === 'after' ? 1 : 0)
  rest.splice(at, 0, moved)
  return rest.every((id, index) => id === ids[index]) ? null : rest
}
