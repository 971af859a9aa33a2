import { z } from 'zod'
import { CONFIDENCES } from '../model/schema'

/** A filter as it crosses the process boundary (see ItemFilter in view/filter.ts). */
export const ItemFilterSchema = z
  .object({
    text: z.string().max(1000),
    groupIds: z.array(z.string().max(200)).max(1000),
    tags: z.array(z.string().max(100)).max(10_000),
    confidences: z.array(z.enum(CONFIDENCES)),
    from: z.string().max(30),
    to: z.string().max(30),
    hasNotes: z.boolean()
  })
  .partial()

/** What the export dialog chooses: which events, what of them, and the paper. */
export const ReportOptionsSchema = z.object({
  title: z.string().trim().min(1).max(500),
  subtitle: z.string().max(500).optional(),
  author: z.string().max(200).optional(),
  /** Which events: all, those through a filter, a selection by id, or a date range. */
  selection: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('filter'), filter: ItemFilterSchema }),
    z.object({ kind: z.literal('items'), ids: z.array(z.string().max(200)).max(1_000_000) }),
    z.object({ kind: z.literal('dates'), from: z.string().max(30), to: z.string().max(30) })
  ]),
  includeNotes: z.boolean(),
  includeSources: z.boolean(),
  pageSize: z.enum(['A4', 'Letter']),
  landscape: z.boolean()
})

export type ReportOptions = z.infer<typeof ReportOptionsSchema>

export interface ExportedReport {
  path: string
  pages: number
  bytes: number
}
