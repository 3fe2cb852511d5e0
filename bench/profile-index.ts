/**
 * Quick measurements of the indexing, query and load paths, for hot-path work (issue #6) between full
 * `npm run bench` runs. The library is bundled with esbuild first and imported as plain JS, because under
 * tsx module-level constants can compile to getter calls and distort the profile.
 *
 *   node --expose-gc --import tsx bench/profile-index.ts [--corpus hamshahri|saudinewsnet|quran] [--docs N]
 *        [--repeat R] [--only build,heap,query,load] [--cpu-prof]
 *
 * `--cpu-prof` builds the index once under the V8 profiler and prints the top self-time entries (`--lines`:
 * also the hottest lines; `--cold`: the first build of the process; `--profile-queries`: keyword queries, `--kind prefix|phrase|fuzzy`
 * another kind, `--plans` their plans only; `--profile-load`: loads of the saved index).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Session } from 'node:inspector'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'
import { argumentValue } from './lib/cli-options'
import { phraseQuery, prefixQuery } from './lib/query-workloads'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CORPORA: Record<string, string[]> = {
  hamshahri: ['hamshahri-subset/docs.jsonl'],
  saudinewsnet: ['saudinewsnet/docs-000.jsonl', 'saudinewsnet/docs-001.jsonl'],
  quran: ['quran-uthmani/docs.jsonl'],
}
const QUERIES: Record<string, string | undefined> = { hamshahri: 'hamshahri-subset/queries.jsonl' }

const corpus = argumentValue('corpus', 'hamshahri')
const maxDocs = Number(argumentValue('docs', 'Infinity'))
const repeat = Number(argumentValue('repeat', '3'))
const only = new Set(argumentValue('only', 'build,heap,query,load').split(','))
const cpuProfile = process.argv.includes('--cpu-prof')
// --profile-queries: profile keyword queries on the built index instead of the build.
const profileQueries = process.argv.includes('--profile-queries')

interface Doc {
  id: string
  title: string
  text: string
}

function readJsonl<T>(path: string): T[] {
  const corpora =
    process.env.KAVOSH_CORPORA ??
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpora')
  return readFileSync(join(corpora, path), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T)
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

function settled(): { heap: number; buffers: number } {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  const usage = process.memoryUsage()
  return { heap: usage.heapUsed, buffers: usage.arrayBuffers }
}

const bundleDir = mkdtempSync(join(tmpdir(), 'kavosh-profile-'))
const bundle = join(bundleDir, 'kavosh.mjs')
buildSync({
  // --src DIR measures another copy of the sources (e.g. a checkout of the previous commit).
  entryPoints: [join(argumentValue('src', join(root, 'src')), 'index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  outfile: bundle,
  sourcemap: cpuProfile ? 'inline' : false,
  logLevel: 'error',
})
// biome-ignore lint/suspicious/noExplicitAny: the bundle is untyped here.
const kavosh: any = await import(pathToFileURL(bundle).href)

let docs = CORPORA[corpus]!.flatMap((path) => readJsonl<Doc>(path)).map((d) => ({
  id: d.id,
  title: d.title ?? '',
  text: d.text,
}))
if (docs.length > maxDocs) docs = docs.slice(0, maxDocs)
const bytes = docs.reduce((sum, d) => sum + utf8Bytes(d.title) + utf8Bytes(d.text), 0)
const mb = bytes / 1e6
const options = { fields: ['title', 'text'], idField: 'id', language: 'auto' }
console.log(`${corpus}: ${docs.length} docs, ${mb.toFixed(2)} MB UTF-8`)

function build() {
  const index = new kavosh.SearchIndex(options)
  index.addAll(docs)
  return index
}

async function profiled(work: () => void): Promise<void> {
  const session = new Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    )
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 200 })
  await post('Profiler.start')
  work()
  const { profile } = (await post('Profiler.stop')) as {
    profile: {
      nodes: {
        id: number
        callFrame: { functionName: string; url: string; lineNumber: number }
        positionTicks?: { line: number; ticks: number }[]
      }[]
      samples: number[]
    }
  }
  const self = new Map<number, number>()
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1)
  const byName = new Map<string, number>()
  for (const node of profile.nodes) {
    const count = self.get(node.id) ?? 0
    if (count === 0) continue
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`
    byName.set(key, (byName.get(key) ?? 0) + count)
  }
  const total = profile.samples.length
  console.log('top self time:')
  for (const [name, count] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`)
  }
  if (process.argv.includes('--lines')) {
    // Hottest lines of the bundle (V8's position ticks), with their source text.
    const bundleLines = readFileSync(bundle, 'utf8').split('\n')
    const byLine = new Map<number, number>()
    for (const node of profile.nodes) {
      for (const tick of node.positionTicks ?? []) {
        if (node.callFrame.url.endsWith('kavosh.mjs'))
          byLine.set(tick.line, (byLine.get(tick.line) ?? 0) + tick.ticks)
      }
    }
    console.log('top lines:')
    for (const [line, count] of [...byLine].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      const text = (bundleLines[line - 1] ?? '').trim().slice(0, 110)
      console.log(
        `  ${((100 * count) / total).toFixed(1).padStart(5)}%  ${String(line).padStart(5)}  ${text}`,
      )
    }
  }
}

if (cpuProfile && !profileQueries && !process.argv.includes('--profile-load')) {
  // --cold: profile the first build of the process (empty analysis caches), as a one-off re-index sees it.
  if (!process.argv.includes('--cold')) build() // warm-up
  await profiled(build)
}

let index = build() // warm-up (and the index the later sections use)
if (profileQueries && QUERIES[corpus] !== undefined) {
  // --kind prefix|phrase|fuzzy: profile that query kind instead of keyword queries.
  const kind = argumentValue('kind', 'keyword')
  const raw = readJsonl<{ text: string }>(QUERIES[corpus]!).map((q) => q.text)
  const texts =
    kind === 'prefix' ? raw.map(prefixQuery) : kind === 'phrase' ? raw.map((t) => `"${phraseQuery(t)}"`) : raw
  const searchOptions = { limit: 10, prefix: kind === 'prefix', fuzzy: kind === 'fuzzy' }
  for (const q of texts) index.search(q, searchOptions)
  // --plans: only the query plans (analysis, compilation, evaluator), not their evaluation.
  const plansOnly = process.argv.includes('--plans')
  await profiled(() => {
    for (let r = 0; r < 40; r++)
      for (const q of texts) plansOnly ? index.plan(q, searchOptions) : index.search(q, searchOptions)
  })
}
if (process.argv.includes('--profile-load')) {
  // --profile-load: profile SearchIndex.load of the built index instead of the build.
  const saved = index.save() as Uint8Array
  for (let r = 0; r < 3; r++) kavosh.SearchIndex.load(saved)
  await profiled(() => {
    for (let r = 0; r < 30; r++) kavosh.SearchIndex.load(saved)
  })
}
if (only.has('build')) {
  const ms: number[] = []
  const cpu: number[] = []
  for (let r = 0; r < repeat; r++) {
    index = undefined
    settled()
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    index = build()
    const c1 = process.cpuUsage(c0)
    ms.push(performance.now() - t0)
    cpu.push((c1.user + c1.system) / 1000)
  }
  const m = median(ms)
  const c = median(cpu)
  // CPU time is less disturbed than wall time when other processes share the cores.
  console.log(
    `build: wall median ${m.toFixed(0)} ms = ${(mb / (m / 1000)).toFixed(1)} MB/s  [${ms.map((t) => (mb / (t / 1000)).toFixed(1)).join(' ')}]; CPU median ${c.toFixed(0)} ms = ${(mb / (c / 1000)).toFixed(1)} MB/s`,
  )
}
if (only.has('heap')) {
  index = undefined
  const before = settled()
  index = build()
  const after = settled()
  const heap = after.heap - before.heap
  const buffers = after.buffers - before.buffers
  console.log(
    `retained: heapUsed ${(heap / 1e6).toFixed(1)} MB (${(heap / bytes).toFixed(3)}× text), + array buffers ${(buffers / 1e6).toFixed(1)} MB = ${((heap + buffers) / bytes).toFixed(3)}× text`,
  )
}
const queryFile = QUERIES[corpus]
if (only.has('query') && queryFile !== undefined) {
  const texts = readJsonl<{ text: string }>(queryFile).map((q) => q.text)
  const kinds: [string, string[], object][] = [
    ['keyword', texts, {}],
    ['phrase', texts.map((t) => `"${phraseQuery(t)}"`), {}],
    ['prefix', texts.map(prefixQuery), { prefix: true }],
    ['fuzzy', texts, { fuzzy: true }],
  ]
  for (const [kind, queries, extra] of kinds) {
    const searchOptions = { limit: 10, ...extra }
    for (let w = 0; w < 3; w++) for (const q of queries) index.search(q, searchOptions)
    const samples: number[] = []
    const p50s: number[] = []
    const p99s: number[] = []
    for (let r = 0; r < Math.max(5, repeat); r++) {
      const round: number[] = []
      for (const q of queries) {
        const t0 = performance.now()
        index.search(q, searchOptions)
        round.push(performance.now() - t0)
      }
      samples.push(...round)
      p50s.push(percentile(round, 0.5))
      p99s.push(percentile(round, 0.99))
    }
    console.log(
      `query ${kind.padEnd(7)}: p50 ${(median(p50s) * 1000).toFixed(0)} µs, p99 ${(median(p99s) * 1000).toFixed(0)} µs, max ${(Math.max(...samples) * 1000).toFixed(0)} µs`,
    )
  }
}
if (only.has('load')) {
  const saved = index.save() as Uint8Array
  const ms: number[] = []
  for (let r = 0; r < Math.max(5, repeat); r++) {
    const t0 = performance.now()
    kavosh.SearchIndex.load(saved)
    ms.push(performance.now() - t0)
  }
  console.log(`load: ${(saved.byteLength / 1e6).toFixed(1)} MB saved, median ${median(ms).toFixed(1)} ms`)
}
rmSync(bundleDir, { recursive: true, force: true })
