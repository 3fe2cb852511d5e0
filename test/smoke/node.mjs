// Smoke test of the built kavosh/node entry: a parallel build equals addAll, and uses the same SearchIndex
// class as the core entry.
import assert from 'node:assert/strict'
import { SearchIndex } from 'kavosh'
import { buildIndexParallel } from 'kavosh/node'

const words = ['غزه', 'آتش‌بس', 'مذاکرات', 'المفاوضات', 'کتاب', 'مدرسه', 'شهر', 'باران']
const docs = Array.from({ length: 600 }, (_, id) => ({
  id,
  text: Array.from({ length: 20 }, (_, k) => words[(id * 5 + k * 3) % words.length]).join(' '),
}))
const options = { fields: ['text'] }
const sequential = new SearchIndex(options)
sequential.addAll(docs)
const parallel = await buildIndexParallel(docs, options, { workers: 2, minDocumentsPerWorker: 100 })
assert.ok(parallel instanceof SearchIndex)
assert.equal(parallel.size, docs.length)
for (const q of ['غزه', 'کتاب مدرسه', '"شهر باران"'])
  assert.deepEqual(parallel.search(q, { limit: 50 }), sequential.search(q, { limit: 50 }))
await assert.rejects(buildIndexParallel([...docs, { id: 3, text: 'x' }], options, { workers: 2 }), {
  name: 'DuplicateIdError',
})
console.log('smoke (kavosh/node): ok')
