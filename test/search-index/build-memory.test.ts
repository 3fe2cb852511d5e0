import { describe, expect, it } from 'vitest'
import { internedCount } from '../../src/analysis/tokenize'
import { analyze, SearchIndex } from '../../src/index'
import { VOCABULARY } from './helpers'

// What an index keeps after a batch (issue #6): the analysis caches are released and the growable
// columns trimmed, and that changes nothing an index returns or saves.

const words = [...VOCABULARY, 'كتابها', 'المدرسة', 'می روند', 'خانه ای', 'covid19', '۱۲۳']
const documents = Array.from({ length: 300 }, (_, id) => ({
  id: `d${id}`,
  title: words[id % words.length],
  body: Array.from({ length: 15 }, (_, k) => words[(id * 7 + k * 5) % words.length]).join(' '),
}))
const options = { fields: ['title', 'body'] }

describe('memory after a batch', () => {
  it('addAll and addAllAsync release the analysis caches and trim the index columns', async () => {
    const index = new SearchIndex(options)
    index.addAll(documents.slice(0, 200))
    expect(internedCount()).toBe(0)
    await index.addAllAsync(documents.slice(200), { chunkSize: 30 })
    expect(internedCount()).toBe(0)
    // biome-ignore lint/suspicious/noExplicitAny: internal columns are checked here.
    const inverted = (index as any).inverted
    expect(inverted.postings.regionStart.length).toBe(Math.max(16, inverted.dictionary.size))
    expect(inverted.documents.removed.length).toBe(300)
    // No string per term, not even an empty slot per term (a query makes the strings it needs), and a
    // packed pool whose capacity column is its length column.
    expect(Object.values(inverted.dictionary).some((value) => Array.isArray(value))).toBe(false)
    expect(inverted.postings.regionCapacity).toBe(inverted.postings.regionLength)
  })

  it('a hold keeps the analysis caches through batches until its last release; holds nest', () => {
    const hold = (SearchIndex as unknown as Record<symbol, () => () => void>)[
      Symbol.for('kavosh.holdAnalysisCaches')
    ]
    const outer = hold()
    const first = new SearchIndex(options)
    first.addAll(documents.slice(0, 100))
    const held = internedCount()
    expect(held).toBeGreaterThan(0)
    const inner = hold()
    new SearchIndex(options).addAll(documents.slice(100, 200))
    inner()
    inner() // a second call does nothing: the outer hold is still open
    expect(internedCount()).toBeGreaterThanOrEqual(held)
    // Warm caches change nothing an index holds.
    const warm = new SearchIndex(options)
    warm.addAll(documents)
    outer()
    expect(internedCount()).toBe(0)
    const cold = new SearchIndex(options)
    cold.addAll(documents)
    expect(warm.save()).toEqual(cold.save())
    const coldFirst = new SearchIndex(options)
    coldFirst.addAll(documents.slice(0, 100))
    expect(first.save()).toEqual(coldFirst.save())
  })

  it('a trimmed index takes more documents and finds old and new terms', () => {
    const index = new SearchIndex(options)
    index.addAll(documents.slice(0, 150))
    const before = index.search('کتاب')
    for (const document of documents.slice(150, 160)) index.add(document)
    index.add({ id: 'new', title: 'واژه‌ای تازه', body: 'نوشتاری یکسره نو' })
    expect(index.search('تازه').map((hit) => hit.id)).toEqual(['new'])
    expect(index.search('کتاب').length).toBeGreaterThanOrEqual(before.length)
    // biome-ignore lint/suspicious/noExplicitAny: internal columns are checked here.
    const inverted = (index as any).inverted
    expect(inverted.postings.regionCapacity).not.toBe(inverted.postings.regionLength)
  })

  it('an index built in batches, with cache releases between them, equals one built by add()', async () => {
    const one = new SearchIndex(options)
    for (const document of documents) one.add(document)
    const batches = new SearchIndex(options)
    batches.addAll(documents.slice(0, 100))
    batches.search(words[3])
    for (const document of documents.slice(100, 150)) batches.add(document)
    await batches.addAllAsync(documents.slice(150, 220), { chunkSize: 9 })
    analyze(documents[0].body)
    batches.addAll(documents.slice(220))
    expect(batches.save()).toEqual(one.save())
    for (const query of [words[0], words[7], 'کتاب', 'مدرسه', 'رفتن']) {
      expect(batches.search(query)).toEqual(one.search(query))
    }
  })
})
