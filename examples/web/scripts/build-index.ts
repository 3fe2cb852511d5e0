/**
 * Builds the web demo's saved index (`public/index.kavosh`) and its description (`public/index-info.json`)
 * from a sample of the evaluation corpora in `../shared/corpora` (a few hundred Fars News, Varzesh3 and
 * SaudiNewsNet articles plus the seed articles), or, when those are absent, from the small sample in
 * `sample/docs.jsonl` that ships with the repository. Both outputs are git-ignored: the corpora may
 * not be redistributed.
 *
 * Run: `npm run web:index` (or `tsx examples/web/scripts/build-index.ts`).
 * Env: `KAVOSH_CORPORA=/path/to/corpora` (default `<repo>/../shared/corpora`; `none` forces the sample).
 */

import { createReadStream, existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { SearchIndex } from '../../../src/index'

const here = path.dirname(fileURLToPath(import.meta.url))
const webRoot = path.resolve(here, '..')
const repoRoot = path.resolve(webRoot, '../..')

/** Document shape of the demo index. */
export interface DemoDocument {
  id: string
  lang: 'fa' | 'ar'
  source: string
  title?: string
  text: string
}

/** What was built; the page shows it and the e2e test picks its expectations from `data`. */
export interface DemoIndexInfo {
  /** `corpora` (sample of ../shared/corpora) or `sample` (the bundled fallback). */
  data: 'corpora' | 'sample'
  documents: number
  bytes: number
  sources: Record<string, number>
}

/** How many documents to take from each corpus file (the first ones, in file order: reproducible). */
const CORPUS_SAMPLE: { file: string; source: (id: string) => string | null; take: Record<string, number> }[] =
  [
    { file: 'seeds/docs.jsonl', source: () => 'seeds', take: { seeds: Number.POSITIVE_INFINITY } },
    {
      file: 'farsnews-varzesh3/docs.jsonl',
      source: (id) =>
        id.startsWith('farsnews-') ? 'farsnews' : id.startsWith('varzesh3-') ? 'varzesh3' : null,
      take: { farsnews: 150, varzesh3: 150 },
    },
    { file: 'saudinewsnet/docs-000.jsonl', source: () => 'saudinewsnet', take: { saudinewsnet: 200 } },
  ]

/** The corpora folder to use, or null for the bundled sample. */
export function corporaFolder(env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.KAVOSH_CORPORA
  if (configured === 'none') return null
  const folder = configured ?? path.resolve(repoRoot, '../shared/corpora')
  return CORPUS_SAMPLE.every((corpus) => existsSync(path.join(folder, corpus.file))) ? folder : null
}

async function readSample(folder: string): Promise<DemoDocument[]> {
  const documents: DemoDocument[] = []
  for (const corpus of CORPUS_SAMPLE) {
    const left = { ...corpus.take }
    const lines = createInterface({
      input: createReadStream(path.join(folder, corpus.file), 'utf8'),
      crlfDelay: Infinity,
    })
    for await (const line of lines) {
      if (line.trim() === '') continue
      const record = JSON.parse(line) as { id: string; lang: 'fa' | 'ar'; title?: string; text: string }
      const source = corpus.source(record.id)
      if (source === null || !(left[source] > 0)) {
        if (Object.values(left).every((n) => n <= 0)) break
        continue
      }
      left[source]--
      documents.push({ id: record.id, lang: record.lang, source, title: record.title, text: record.text })
    }
    lines.close()
  }
  return documents
}

async function readBundledSample(): Promise<DemoDocument[]> {
  const documents: DemoDocument[] = []
  const lines = createInterface({ input: createReadStream(path.join(webRoot, 'sample/docs.jsonl'), 'utf8') })
  for await (const line of lines) if (line.trim() !== '') documents.push(JSON.parse(line) as DemoDocument)
  return documents
}

/**
 * Builds the demo index into `outDir` (default `examples/web/public`).
 *
 * @example
 * ```ts
 * const info = await buildDemoIndex() // → { data: 'corpora', documents: 505, … }
 * ```
 */
export async function buildDemoIndex(
  options: { outDir?: string; env?: Record<string, string | undefined> } = {},
): Promise<DemoIndexInfo> {
  const outDir = options.outDir ?? path.join(webRoot, 'public')
  const folder = corporaFolder(options.env)
  const documents = folder === null ? await readBundledSample() : await readSample(folder)
  const index = new SearchIndex<DemoDocument>({
    fields: ['title', 'text'],
    storeFields: ['title', 'text', 'source', 'lang'],
    languageField: 'lang',
    boost: { title: 2 },
  })
  index.addAll(documents)
  const bytes = index.save()
  const sources: Record<string, number> = {}
  for (const document of documents) sources[document.source] = (sources[document.source] ?? 0) + 1
  const info: DemoIndexInfo = {
    data: folder === null ? 'sample' : 'corpora',
    documents: documents.length,
    bytes: bytes.length,
    sources,
  }
  await mkdir(outDir, { recursive: true })
  await writeFile(path.join(outDir, 'index.kavosh'), bytes)
  await writeFile(path.join(outDir, 'index-info.json'), `${JSON.stringify(info, null, 2)}\n`)
  return info
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const info = await buildDemoIndex()
  const from =
    info.data === 'corpora'
      ? 'a sample of ../shared/corpora'
      : 'the bundled sample (no corpora found, or KAVOSH_CORPORA=none)'
  console.log(
    `demo index: ${info.documents} documents from ${from}, ${(info.bytes / 1e6).toFixed(2)} MB → examples/web/public/index.kavosh`,
  )
}
