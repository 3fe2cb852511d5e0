/**
 * Wall-clock A/B of the working tree against a git revision, in one process: both sources are bundled,
 * loaded side by side, and their builds (each after a full GC) or query passes run alternately, the order
 * flipped every round. Machine drift then hits both alike, and the figure to read is the median of
 * the per-round ratios (working tree ÷ revision). It is for the changes instruction counts cannot judge
 * (`bench:instructions` counts work, not time): cache misses, memory traffic, allocation. Its noise floor
 * on these 2-core VMs, an unchanged tree against HEAD in repeated runs: builds 0.98–1.02 (21 rounds of all
 * hamshahri), query passes 0.94–1.08 (101 rounds of its 50 judged queries), while the ratio of the two
 * sides' medians moves by up to ±9 %. Trust a change only beyond that floor, and in repeated runs.
 *
 *   npm run bench:time-against -- [--against HEAD] [--what build|query] [--corpus hamshahri] [--docs N]
 *        [--rounds 21 | 101 for query]
 *
 * `build` times `new SearchIndex(…).addAll(docs)` (all documents of the corpus by default); `query` times
 * a pass of the corpus's judged queries (`search(q)`, default options) over an index of them, built once
 * per side (no GC between passes: see `time`). `latency` reads what the full bench's keyword p50 reads: per
 * round, each query of the bench's spread sample (`--sample`, 20 as for hamshahri-subset) is timed alone with
 * `limit: 10`, and the round's figure is their median (default 401 rounds). An unchanged tree against HEAD
 * read 1.001–1.007 (three runs of hamshahri, 2026-12-07).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { argumentValue } from './lib/cli-options'
import { readJsonl, resolveCorporaDir, utf8Bytes } from './lib/corpora'
import { spreadSample } from './lib/query-workloads'
import { AB_CORPORA, bundleSources, revisionSources } from './lib/revision-bundle'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const corpora = resolveCorporaDir(undefined)

const against = argumentValue('against', 'HEAD')
const what = argumentValue('what', 'build')
const corpusName = argumentValue('corpus', 'hamshahri')
const maxDocs = Number(argumentValue('docs', 'Infinity'))
const rounds = Number(argumentValue('rounds', what === 'latency' ? '401' : what === 'query' ? '101' : '21'))
const sampleSize = Number(argumentValue('sample', '20'))

function fail(message: string): never {
  console.error(`bench:time-against: ${message}`)
  process.exit(2)
}

if (what !== 'build' && what !== 'query' && what !== 'latency')
  fail(`--what must be build, query or latency, not ${what}`)
if (!(sampleSize >= 1 && Number.isInteger(sampleSize))) fail('--sample must be a positive integer')
const corpus =
  AB_CORPORA[corpusName] ?? fail(`unknown corpus ${corpusName} (${Object.keys(AB_CORPORA).join(', ')})`)
if (what !== 'build' && corpus.queries === undefined) fail(`${corpusName} has no queries`)
if (!(maxDocs >= 1)) fail('--docs must be a positive number')
if (!(rounds >= 1 && Number.isInteger(rounds))) fail('--rounds must be a positive integer')
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) fail('run with node --expose-gc (npm run bench:time-against does)')

const read = <T>(path: string): T[] => {
  try {
    return readJsonl<T>(path)
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message} (set KAVOSH_CORPORA to the corpora folder)`)
  }
}
const docs = read<{ id: string; title?: string; text: string }>(join(corpora, corpus.docs))
  .slice(0, maxDocs)
  .map((d) => ({ id: d.id, title: d.title ?? '', text: d.text }))
const bytes = utf8Bytes(docs)
const allQueries = corpus.queries
  ? read<{ text: string }>(join(corpora, corpus.queries)).map((q) => q.text)
  : []
// The latency section's queries: an even spread over the set, as the full bench picks them.
const queries = what === 'latency' ? spreadSample(allQueries, sampleSize) : allQueries

interface Kavosh {
  SearchIndex: new (
    options: object,
  ) => { addAll(documents: readonly object[]): void; search(query: string, options?: object): unknown[] }
}

const work = mkdtempSync(join(tmpdir(), 'kavosh-time-against-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))
let revision: string
try {
  revision = revisionSources(root, against, join(work, 'against'))
} catch (error) {
  fail(`cannot read the sources of ${against}: ${(error as Error).message}`)
}
const load = async (srcDir: string, name: string) =>
  (await import(pathToFileURL(bundleSources(srcDir, join(work, `${name}.mjs`))).href)) as Kavosh
const sides = [await load(join(root, 'src'), 'tree'), await load(revision, 'against')]

const options = { fields: ['title', 'text'], idField: 'id', language: 'auto' }
const indexes =
  what !== 'build'
    ? sides.map((k) => {
        const index = new k.SearchIndex(options)
        index.addAll(docs)
        return index
      })
    : []

/** Milliseconds of one measured operation on side `s` (0: working tree, 1: the revision). */
function time(s: number): number {
  // A full GC before a build; not before a query pass, which would then run beside the collector's
  // concurrent after-work (several times slower).
  if (what === 'build') gc!()
  const start = performance.now()
  if (what === 'build') new sides[s].SearchIndex(options).addAll(docs)
  else if (what === 'query') for (const q of queries) indexes[s].search(q)
  else {
    for (let i = 0; i < queries.length; i++) {
      const t0 = performance.now()
      indexes[s].search(queries[i], { limit: 10 })
      latencies[i] = performance.now() - t0
    }
    return median(latencies)
  }
  return performance.now() - start
}
const latencies = new Array<number>(queries.length)

for (let w = 0; w < (what === 'build' ? 3 : what === 'query' ? 10 : 100); w++)
  for (let s = 0; s < 2; s++) time(s)
const ms: number[][] = [[], []]
for (let r = 0; r < rounds; r++) {
  const first = r % 2
  ms[first].push(time(first))
  ms[1 - first].push(time(1 - first))
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const ratios = ms[0].map((t, r) => t / ms[1][r])
const unit =
  what === 'build'
    ? (t: number) => `${t.toFixed(0)} ms (${(bytes / 1e6 / (t / 1e3)).toFixed(1)} MB/s)`
    : what === 'query'
      ? (t: number) => `${t.toFixed(1)} ms per pass (${((t / queries.length) * 1e3).toFixed(0)} µs per query)`
      : (t: number) => `p50 ${(t * 1e3).toFixed(1)} µs per query`
console.log(
  `${what}, ${corpusName}, ${docs.length} docs (${(bytes / 1e6).toFixed(2)} MB)${what !== 'build' ? `, ${queries.length} queries` : ''}, ${rounds} rounds\n` +
    `  working tree: median ${unit(median(ms[0]))}\n` +
    `  ${against}: median ${unit(median(ms[1]))}\n` +
    `  working tree ÷ ${against}: ${median(ratios).toFixed(3)} (median of the rounds' ratios; ` +
    `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
)
