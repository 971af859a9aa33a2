/**
 * The desktop app's file dialogs, done the browser's way for `npm run preview:web`: a file input to
 * pick what to import, and downloads for exports and PDFs. Development only; never shipped.
 */
import { MAX_IMPORT_BYTES } from '../shared/codecs/types'
import type { ErrorPayload } from '../shared/errors'
import type { ChronotesApi, Envelope, Transported } from '../shared/ipc'

/** Asks for one file with the browser's file picker; null if the user cancels. */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.json,.csv,.tsv,.txt,.jsonl,.ndjson'
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}

async function toBase64(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error(`“${file.name}” could not be read.`))
    reader.readAsDataURL(file)
  })
  return url.slice(url.indexOf(',') + 1)
}

/** Hands a file to the browser, which saves it where its downloads go. */
function download(blob: Blob, name: string): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}

type Api = Transported<ChronotesApi>

const ok = <T>(value: T): Envelope<T> => ({ ok: true, value })
const failed = (code: ErrorPayload['code'], message: string): Envelope<never> => ({
  ok: false,
  error: { code, message }
})

/** Replaces the dialog-backed calls of the transported api with the browser's file input and downloads. */
export function withBrowserFiles(api: Api, headers: Record<string, string>): Api {
  const files: Api['files'] = {
    async openForImport() {
      const file = await pickFile()
      if (!file) return ok(null)
      if (file.size > MAX_IMPORT_BYTES)
        return failed('TOO_LARGE', `“${file.name}” is too large: Chronotes imports files of up to 100 MB.`)
      return ok({ fileName: file.name, base64: await toBase64(file) })
    },
    async saveExport(suggestedName, content) {
      download(new Blob([content], { type: 'text/plain;charset=utf-8' }), suggestedName)
      return ok(suggestedName)
    },
    // The download is in the browser's hands (its downloads list opens it).
    openPath: async () => ok(undefined)
  }
  const reports: Api['reports'] = {
    ...api.reports,
    async exportPdf(doc, options) {
      const reply = await api.reports.exportPdf(doc, options)
      if (!reply.ok || !reply.value) return reply
      const name = reply.value.path.split(/[/\\]/).pop()!
      const response = await fetch(`/__chronotes/download/${encodeURIComponent(name)}`, { method: 'POST', headers })
      if (!response.ok) return failed('IO', `The PDF was printed but could not be fetched (${response.status}).`)
      download(await response.blob(), name)
      return ok({ ...reply.value, path: name })
    }
  }
  return { ...api, files, reports }
}
