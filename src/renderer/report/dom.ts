/** Small DOM builders: text goes in as text nodes, never as HTML. */
type Child = Node | string | null | undefined | false

export interface Props {
  class?: string
  attrs?: Record<string, string>
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (props?.class) element.className = props.class
  for (const [name, value] of Object.entries(props?.attrs ?? {})) element.setAttribute(name, value)
  append(element, children)
  return element
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** An SVG element with presentation attributes (numbers rounded: the PDF need not carry 15 digits). */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Child | Child[])[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag)
  for (const [name, value] of Object.entries(attrs))
    element.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 100) / 100) : value)
  append(element, children)
  return element
}

function append(parent: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.append(child)
  }
}
