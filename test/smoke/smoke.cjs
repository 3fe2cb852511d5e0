// Smoke test of the built CommonJS output, as a user's `require` sees it.
const assert = require('node:assert/strict')
const { analyze, KavoshError, normalize, SearchIndex } = require('../../dist/index.cjs')

assert.equal(normalize('مَدْرَسَة'), 'مدرسه')
assert.deepEqual(
  analyze('والكتاب', { language: 'ar' }).map((t) => t.term),
  ['کتاب'],
)
const index = new SearchIndex({ fields: ['text'] })
index.add({ id: 'a', text: 'کتابهای تهران' })
assert.equal(index.search('كتاب')[0]?.id, 'a')
assert.throws(() => SearchIndex.load(new Uint8Array([1, 2, 3])), KavoshError)
console.log('smoke (CJS): ok')
