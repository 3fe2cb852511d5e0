/**
 * Speed-up of a parallel build (kavosh/node) over `addAll` on one thread, on the built package
 * (`npm run build` first): `node bench/profile-parallel.ts` is not enough, run
 *   npm run build && node --import tsx bench/profile-parallel.ts [--corpus hamshahri|saudinewsnet] [--workers 1] [--workers-only]
 * Repeated builds alternate one thread and a worker pool kept open (`createIndexBuilderPool`, as a service
 * that re-indexes would); also checks that both indexes answer the corpus queries identically.
 *
 * `--cold seq` / `--cold par` time one build in a fresh process instead (`buildIndexParallel` with a pool
 * of its own, started cold), which is what a one-off re-index sees: run both and compare.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The built package is measured (what users run); its paths are not literals so that typechecking a fresh
// clone, where dist/ does not exist yet, does not depend on a build. The types are the sources'.
const distIndex = '../dist/index.js'
const distNode = '../dist/node.js'
const { SearchIndex } = (await import(distIndex)) as typeof import('../src/index')
const { buildIndexParallel, createIndexBuilderPool } = (await import(
  distNode
)) as typeof import('../src/node/index')
const corporaDir =
  process.env.KAVOSH_CORPORA ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpora')

const argument = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const corpus = argument('corpus', 'hamshahri')
// 1 worker and the calling thread: 2 threads, one per core of this machine (--workers-only: workers alone).
const workers = Number(argument('workers', '1'))
const callingThread = !process.argv.includes('--workers-only')
const repeat = Number(argument('repeat', '3'))
const files =
  corpus === 'hamshahri'
    ? ['hamshahri-subset/docs.jsonl']
    : ['saudinewsnet/docs-000.jsonl', 'saudinewsnet/docs-001.jsonl']
const docs = files.flatMap((file) =>
  readFileSync(join(corporaDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { id: string; title?: string; text: string })
    .map((d) => ({ id: d.id, title: d.title ?? '', text: d.text })),
)
const mb = docs.reduce((sum, d) => sum + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0) / 1e6
const options = { fields: ['title', 'text'], idField: 'id', language: 'auto' as const }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]
const cold = argument('cold', '')
if (cold !== '') {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  if (cold === 'seq') new SearchIndex(options).addAll(docs)
  else await buildIndexParallel(docs, options, { workers, callingThread })
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  // CPU time of all threads: on a shared machine, wall time shows the contention, CPU time the work.
  console.log(
    `${corpus} ${mb.toFixed(1)} MB, cold ${cold === 'seq' ? 'addAll' : `buildIndexParallel(${workers}${callingThread ? ' + calling thread' : ''})`}: ${ms.toFixed(0)} ms wall (${(mb / (ms / 1000)).toFixed(1)} MB/s), ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
  )
  process.exit(0)
}
const sequential: number[] = []
const parallel: number[] = []
// dist/node.js imports the core as 'kavosh' (its declarations differ from dist/index.js's for tsc).
interface Searchable {
  search(query: string, options: { limit: number }): unknown[]
}
let one: Searchable = new SearchIndex(options)
let many: Searchable = one
const pool = createIndexBuilderPool({ workers })
for (let r = 0; r < repeat; r++) {
  let t0 = performance.now()
  const built = new SearchIndex(options)
  built.addAll(docs)
  one = built
  sequential.push(performance.now() - t0)
  t0 = performance.now()
  many = await pool.build(docs, options, { callingThread })
  parallel.push(performance.now() - t0)
}
await pool.close()
const s = median(sequential)
const p = median(parallel)
console.log(
  `${corpus} ${mb.toFixed(1)} MB: addAll ${s.toFixed(0)} ms (${(mb / (s / 1000)).toFixed(1)} MB/s), ` +
    `pool.build (${workers} workers${callingThread ? ' + calling thread' : ''}) ${p.toFixed(0)} ms (${(mb / (p / 1000)).toFixed(1)} MB/s): ${(s / p).toFixed(2)}×`,
)
const queries = docs.slice(0, 50).map((d) => d.text.split(/\s+/).slice(3, 6).join(' '))
let same = true
for (const q of queries) {
  const a = JSON.stringify(one.search(q, { limit: 20 }))
  const b = JSON.stringify(many.search(q, { limit: 20 }))
  if (a !== b) same = false
}
console.log(`same results on ${queries.length} queries: ${same}`)
