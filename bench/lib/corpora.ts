/**
 * Finds, loads and slices the evaluation corpora (see ../shared/corpora/README.md for their formats and
 * licences), builds the pooled per-language collections, and falls back to the bundled sample when no
 * corpus is available. Corpus text is only ever read here, never written anywhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchDoc } from '../engines/types'
import {
  SAMPLE_AR_DOCS,
  SAMPLE_AR_QUERIES,
  SAMPLE_FA_DOCS,
  SAMPLE_FA_QUERIES,
} from '../sample/sample-corpora'
import { spreadSample } from './query-workloads'
import type { CollectionInfo } from './results'

export interface JudgedQuery {
  id: string
  lang: 'fa' | 'ar'
  text: string
  relevant: string[]
}

/** A set of judged queries scored on its own (a corpus's queries.jsonl). */
export interface QuerySet {
  name: string
  lang: 'fa' | 'ar'
  queries: JudgedQuery[]
}

/** What a collection is measured for. */
export interface CollectionRoles {
  /** Analysis MB/s, build speed and memory, persistence. */
  throughput: boolean
  /** Query latency and ranking quality (it has judged queries). */
  judged: boolean
}

/** A set of documents indexed together, with the query sets scored against it. */
export interface Collection {
  name: string
  lang: 'fa' | 'ar'
  kind: 'corpus' | 'pooled' | 'sample'
  docs: BenchDoc[]
  querySets: QuerySet[]
  /** UTF-8 bytes of all titles and texts. */
  bytes: number
  roles: CollectionRoles
  licence: string
  /** Member corpora of a pooled collection. */
  members?: string[]
  /** How the collection was cut down for this run, if it was. */
  slice?: string
  /**
   * The documents of the paired builds when the plan builds more of the corpus there than the collection
   * holds (`CollectionPlan.pairedLimitsFor`): issue #6 sets its build ratio on whole corpora.
   */
  paired?: { docs: BenchDoc[]; bytes: number }
}

/** What the results files record about a collection. */
export function describeCollection(c: Collection): CollectionInfo {
  return {
    name: c.name,
    lang: c.lang,
    kind: c.kind,
    docs: c.docs.length,
    bytes: c.bytes,
    querySets: c.querySets.map((s) => ({ name: s.name, queries: s.queries.length })),
    licence: c.licence,
    ...(c.members ? { members: c.members } : {}),
    ...(c.slice ? { slice: c.slice } : {}),
  }
}

export interface KnownCorpus {
  name: string
  lang: 'fa' | 'ar'
  throughput: boolean
  licence: string
}

/** The corpora the suite knows about, in report order. */
export const KNOWN_CORPORA: readonly KnownCorpus[] = [
  { name: 'hamshahri-subset', lang: 'fa', throughput: true, licence: 'research use only' },
  {
    name: 'farsnews-varzesh3',
    lang: 'fa',
    throughput: true,
    licence: 'content © news sites (internal eval)',
  },
  { name: 'parsinlu-rc', lang: 'fa', throughput: false, licence: 'CC BY-NC-SA 4.0' },
  { name: 'persianqa', lang: 'fa', throughput: false, licence: 'GPL-3.0' },
  { name: 'persianquad', lang: 'fa', throughput: false, licence: 'research use' },
  { name: 'saudinewsnet', lang: 'ar', throughput: true, licence: 'CC BY-NC-SA 4.0' },
  { name: 'quran-uthmani', lang: 'ar', throughput: true, licence: 'CC BY-SA 4.0' },
  { name: 'arcd', lang: 'ar', throughput: false, licence: 'MIT' },
  { name: 'xquad-ar', lang: 'ar', throughput: false, licence: 'CC BY-SA 4.0' },
]

export const POOLED_NAMES = ['pooled-fa', 'pooled-ar'] as const
export const SAMPLE_NAMES = ['sample-fa', 'sample-ar'] as const

/** Every name `--corpus` accepts. */
export const ALL_COLLECTION_NAMES: readonly string[] = [
  ...KNOWN_CORPORA.map((c) => c.name),
  ...POOLED_NAMES,
  ...SAMPLE_NAMES,
]

/** `--corpora DIR`, else $KAVOSH_CORPORA, else `<repo>/../shared/corpora`. */
export function resolveCorporaDir(cliDir: string | undefined, env = process.env): string {
  if (cliDir) return resolve(cliDir)
  if (env.KAVOSH_CORPORA) return resolve(env.KAVOSH_CORPORA)
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  return resolve(repo, '..', 'shared', 'corpora')
}

export function utf8Bytes(docs: readonly Pick<BenchDoc, 'title' | 'text'>[]): number {
  let n = 0
  for (const d of docs)
    n += Buffer.byteLength(d.text, 'utf8') + (d.title ? Buffer.byteLength(d.title, 'utf8') : 0)
  return n
}

/** The records of a JSONL file (blank lines skipped); throws naming the line of invalid JSON. */
export function readJsonl<T>(file: string): T[] {
  const out: T[] = []
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    try {
      out.push(JSON.parse(line) as T)
    } catch (e) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(e as Error).message})`)
    }
  }
  return out
}

/** Doc files of a corpus folder: docs.jsonl, or docs-NNN.jsonl parts in order. */
export function docFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  if (existsSync(join(dir, 'docs.jsonl'))) return [join(dir, 'docs.jsonl')]
  return readdirSync(dir)
    .filter((f) => /^docs-\d+\.jsonl$/.test(f))
    .sort()
    .map((f) => join(dir, f))
}

export interface RawCorpus {
  known: KnownCorpus
  docs: BenchDoc[]
  queries: JudgedQuery[]
}

/** Loads one corpus, or returns why it is absent. */
export function loadCorpus(corporaDir: string, known: KnownCorpus): RawCorpus | { missing: string } {
  const dir = join(corporaDir, known.name)
  const files = docFiles(dir)
  if (files.length === 0) return { missing: `${dir}/docs*.jsonl not found` }
  const docs: BenchDoc[] = []
  for (const f of files) {
    for (const d of readJsonl<BenchDoc>(f)) {
      if (typeof d.id !== 'string' || typeof d.text !== 'string') throw new Error(`${f}: doc without id/text`)
      docs.push({ id: d.id, lang: d.lang ?? known.lang, title: d.title, text: d.text })
    }
  }
  const qfile = join(dir, 'queries.jsonl')
  const queries = existsSync(qfile) ? readJsonl<JudgedQuery>(qfile) : []
  return { known, docs, queries }
}

/** Limits for cutting a corpus down (quick runs, time budget). */
export interface SliceLimits {
  /** Keep at most this many queries (the first ones in file order). */
  maxQueries?: number
  /** Keep at most this many docs (relevant docs of kept queries are always kept). */
  maxDocs?: number
  /** Keep at most this many UTF-8 bytes of docs (same exception). */
  maxBytes?: number
}

/**
 * Keeps the first `maxQueries` queries, every doc judged relevant for them, and then further docs in file
 * order while within `maxDocs`/`maxBytes`. Doc order is preserved.
 */
export function sliceCorpus(
  raw: RawCorpus,
  limits: SliceLimits,
): { docs: BenchDoc[]; queries: JudgedQuery[] } {
  const queries = limits.maxQueries === undefined ? raw.queries : raw.queries.slice(0, limits.maxQueries)
  if (limits.maxDocs === undefined && limits.maxBytes === undefined) return { docs: raw.docs, queries }
  const mustKeep = new Set<string>()
  if (limits.maxQueries !== undefined) for (const q of queries) for (const id of q.relevant) mustKeep.add(id)
  const maxDocs = limits.maxDocs ?? Number.POSITIVE_INFINITY
  const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY
  let count = 0
  let bytes = 0
  for (const d of raw.docs) {
    if (mustKeep.has(d.id)) {
      count++
      bytes += Buffer.byteLength(d.text) + (d.title ? Buffer.byteLength(d.title) : 0)
    }
  }
  const docs: BenchDoc[] = []
  for (const d of raw.docs) {
    if (mustKeep.has(d.id)) {
      docs.push(d)
      continue
    }
    const size = Buffer.byteLength(d.text) + (d.title ? Buffer.byteLength(d.title) : 0)
    if (count + 1 > maxDocs || bytes + size > maxBytes) continue
    docs.push(d)
    count++
    bytes += size
  }
  return { docs, queries }
}

function sampleCollection(lang: 'fa' | 'ar'): Collection {
  const docs = lang === 'fa' ? SAMPLE_FA_DOCS : SAMPLE_AR_DOCS
  const queries = lang === 'fa' ? SAMPLE_FA_QUERIES : SAMPLE_AR_QUERIES
  const name = `sample-${lang}`
  return {
    name,
    lang,
    kind: 'sample',
    docs,
    querySets: [{ name, lang, queries }],
    bytes: utf8Bytes(docs),
    roles: { throughput: true, judged: true },
    licence: 'written for kavosh (MIT)',
  }
}

export interface CollectionPlan {
  /** Collections requested (empty = all). */
  names: readonly string[]
  /** Slice limits per corpus name (applied before pooling). */
  limitsFor(name: string): SliceLimits
  /** In pooled collections, score at most this many queries per query set (spread sample). */
  pooledQueries?: number
  /** Slice description for a corpus when limits apply (for the report). */
  describeLimits(limits: SliceLimits): string | undefined
  /** Slice limits of a corpus's paired builds, when they differ from {@link limitsFor} (none: the same). */
  pairedLimitsFor?(name: string): SliceLimits | undefined
}

export interface LoadedCollections {
  collections: Collection[]
  /** Human-readable reasons for every requested corpus that could not be used. */
  skipped: { name: string; reason: string }[]
  /** True when the bundled sample stands in for missing corpora. */
  usedSample: boolean
}

/** Loads the requested collections (pooled ones from their present members), falling back to the sample. */
export function loadCollections(
  corporaDir: string,
  plan: CollectionPlan,
  onProgress: (message: string) => void = () => {},
): LoadedCollections {
  const requested =
    plan.names.length > 0 ? plan.names : [...KNOWN_CORPORA.map((c) => c.name), ...POOLED_NAMES]
  const skipped: { name: string; reason: string }[] = []
  const collections: Collection[] = []
  // Each corpus is read once and sliced at once, so the unsliced text can be collected right away.
  type Sliced = {
    docs: BenchDoc[]
    queries: JudgedQuery[]
    totalDocs: number
    totalQueries: number
    limits?: string
    pairedDocs?: BenchDoc[]
  }
  const sliced = new Map<string, Sliced | { missing: string }>()
  const slicedCorpus = (known: KnownCorpus): Sliced | { missing: string } => {
    let s = sliced.get(known.name)
    if (!s) {
      onProgress(`loading ${known.name}`)
      const r = loadCorpus(corporaDir, known)
      if ('missing' in r) s = r
      else {
        const limits = plan.limitsFor(known.name)
        const cut = sliceCorpus(r, limits)
        const pairedLimits = plan.pairedLimitsFor?.(known.name)
        const pairedDocs = pairedLimits === undefined ? undefined : sliceCorpus(r, pairedLimits).docs
        s = {
          ...cut,
          totalDocs: r.docs.length,
          totalQueries: r.queries.length,
          limits: plan.describeLimits(limits),
          pairedDocs:
            pairedDocs !== undefined && pairedDocs.length !== cut.docs.length ? pairedDocs : undefined,
        }
      }
      sliced.set(known.name, s)
    }
    return s
  }

  for (const name of requested) {
    const known = KNOWN_CORPORA.find((c) => c.name === name)
    if (known) {
      const s = slicedCorpus(known)
      if ('missing' in s) {
        skipped.push({ name, reason: s.missing })
        continue
      }
      collections.push({
        name,
        lang: known.lang,
        kind: 'corpus',
        docs: s.docs,
        querySets: s.queries.length > 0 ? [{ name, lang: known.lang, queries: s.queries }] : [],
        bytes: utf8Bytes(s.docs),
        roles: { throughput: known.throughput, judged: s.queries.length > 0 },
        licence: known.licence,
        slice:
          s.docs.length < s.totalDocs || s.queries.length < s.totalQueries
            ? `${s.docs.length}/${s.totalDocs} docs${s.totalQueries > 0 ? `, ${s.queries.length}/${s.totalQueries} queries` : ''}${s.limits ? ` (${s.limits})` : ''}`
            : undefined,
        paired: s.pairedDocs ? { docs: s.pairedDocs, bytes: utf8Bytes(s.pairedDocs) } : undefined,
      })
    } else if (name === 'pooled-fa' || name === 'pooled-ar') {
      const lang = name === 'pooled-fa' ? 'fa' : 'ar'
      const members = KNOWN_CORPORA.filter((c) => c.lang === lang)
      const docs: BenchDoc[] = []
      const querySets: QuerySet[] = []
      const present: string[] = []
      const slices: string[] = []
      for (const m of members) {
        const s = slicedCorpus(m)
        if ('missing' in s) continue
        present.push(m.name)
        for (const d of s.docs) docs.push(d)
        const queries = plan.pooledQueries ? spreadSample(s.queries, plan.pooledQueries) : s.queries
        if (queries.length > 0) querySets.push({ name: m.name, lang, queries })
        if (s.docs.length < s.totalDocs) slices.push(`${m.name} ${s.docs.length}/${s.totalDocs} docs`)
        if (queries.length < s.queries.length)
          slices.push(`${m.name} ${queries.length}/${s.queries.length} queries`)
      }
      if (querySets.length === 0) {
        skipped.push({ name, reason: `no ${lang} corpus with queries.jsonl found` })
        continue
      }
      collections.push({
        name,
        lang,
        kind: 'pooled',
        docs,
        querySets,
        bytes: utf8Bytes(docs),
        roles: { throughput: false, judged: true },
        licence: 'union of members',
        members: present,
        slice: slices.length > 0 ? slices.join('; ') : undefined,
      })
    } else if (name === 'sample-fa' || name === 'sample-ar') {
      collections.push(sampleCollection(name === 'sample-fa' ? 'fa' : 'ar'))
    } else {
      skipped.push({ name, reason: `unknown corpus (known: ${ALL_COLLECTION_NAMES.join(', ')})` })
    }
  }

  let usedSample = false
  if (!collections.some((c) => c.kind !== 'sample')) {
    usedSample = true
    for (const lang of ['fa', 'ar'] as const) {
      if (!collections.some((c) => c.name === `sample-${lang}`)) collections.push(sampleCollection(lang))
    }
  }
  return { collections, skipped, usedSample }
}
