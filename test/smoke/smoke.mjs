// Smoke test of the built ESM output, as a user's `import` sees it.
import assert from 'node:assert/strict'
import { analyze, KavoshError, normalize, SearchIndex } from '../../dist/index.js'

assert.equal(normalize('كتاب‌هاي ۱۴۰۲'), 'کتابهای 1402')
assert.deepEqual(
  analyze('کتاب‌های ما').map((t) => t.term),
  ['کتاب'],
)
const index = new SearchIndex({ fields: ['title', 'text'], storeFields: ['title'] })
index.addAll([
  { id: 1, title: 'آتش‌بس در غزه', text: 'مذاکرات آتش‌بس ادامه دارد' },
  { id: 2, title: 'وقف إطلاق النار', text: 'المفاوضات مستمرة في غزة' },
])
assert.equal(index.search('آتشبس')[0]?.id, 1)
assert.equal(SearchIndex.load(index.save()).search('غزه').length, 2)
assert.throws(() => index.add({ id: 1, title: 'x', text: 'y' }), KavoshError)
console.log('smoke (ESM): ok')
