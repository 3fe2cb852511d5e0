// The workload that bench/count-instructions.ts runs under valgrind (plain JS: nothing but the measured
// bundle is compiled in the measured process). Arguments come in the environment:
//   KAVOSH_BUNDLE   the bundled library (an ES module)
//   KAVOSH_DOCS     a JSONL file of { id, title?, text } documents
//   KAVOSH_QUERIES  a JSONL file of { text } queries (for WHAT=query)
//   WHAT            build | parallel | query | analyze (parallel: KAVOSH_BUNDLE is kavosh/node's entry with
//                   the core inside, and the pool has one worker besides this thread)
//   REPS            how many times the measured operation runs (after the setup every run shares)
//   WARMUP          untimed repetitions first (default 3), so that the measured ones run compiled code
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const kavosh = await import(pathToFileURL(process.env.KAVOSH_BUNDLE).href)
const readJsonl = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line))
const docs = readJsonl(process.env.KAVOSH_DOCS).map((d) => ({ id: d.id, title: d.title ?? '', text: d.text }))
const options = { fields: ['title', 'text'], idField: 'id', language: 'auto' }
const reps = Number(process.env.REPS) + Number(process.env.WARMUP ?? 3)
const what = process.env.WHAT

if (what === 'build') {
  for (let r = 0; r < reps; r++) new kavosh.SearchIndex(options).addAll(docs)
} else if (what === 'parallel') {
  const pool = kavosh.createIndexBuilderPool({ workers: 1 })
  // As the bench builds: segments of any size (six per building thread).
  for (let r = 0; r < reps; r++) await pool.build(docs, options, { minDocumentsPerWorker: 1 })
  await pool.close()
} else if (what === 'analyze') {
  for (let r = 0; r < reps; r++) for (const d of docs) kavosh.analyze(d.text)
} else if (what === 'query') {
  const index = new kavosh.SearchIndex(options)
  index.addAll(docs)
  const queries = readJsonl(process.env.KAVOSH_QUERIES).map((q) => q.text)
  for (const q of queries) index.search(q) // compiled and warm before the measured runs
  for (let r = 0; r < reps; r++) for (const q of queries) index.search(q)
} else {
  throw new Error(`WHAT must be build, query or analyze, not ${what}`)
}
