import { describe, expect, it } from 'vitest'
import { internedCount } from '../../src/analysis/tokenize'
import { analyze, SearchIndex } from '../../src/index'
import { PostingLog, PostingPool } from '../../src/index/posting-pool'
import { VOCABULARY } from './helpers'

// What an index keeps after a batch (issue #6): a build or any batch that is at least a quarter of the
// index packs the postings, trims the growable columns and releases the analysis caches; a small batch
// keeps the room for the next one and the caches warm (while they hold at most 32,768 words). None of it
// changes anything an index returns or saves.

const words = [...VOCABULARY, 'كتابها', 'المدرسة', 'می روند', 'خانه ای', 'covid19', '۱۲۳']
const documents = Array.from({ length: 300 }, (_, id) => ({
  id: `d${id}`,
  title: words[id % words.length],
  body: Array.from({ length: 15 }, (_, k) => words[(id * 7 + k * 5) % words.length]).join(' '),
}))
const options = { fields: ['title', 'body'] }

// biome-ignore lint/suspicious/noExplicitAny: internal columns are checked here.
const inverted = (index: SearchIndex): any => (index as any).inverted
/** No free room in the posting pool: its capacity column is its length column. */
const packed = (index: SearchIndex): boolean =>
  inverted(index).postings.regionCapacity === inverted(index).postings.regionLength

describe('memory after a batch', () => {
  it('a build packs the index, a small batch keeps the room, a large one packs again', async () => {
    const index = new SearchIndex(options)
    index.addAll(documents.slice(0, 200))
    expect(packed(index)).toBe(true)
    expect(inverted(index).postings.regionStart.length).toBe(Math.max(16, inverted(index).dictionary.size))
    expect(inverted(index).documents.removed.length).toBe(200)
    // One document into 200: its terms' postings moved to regions with room, and the room stays.
    index.addAll(documents.slice(200, 201))
    expect(packed(index)).toBe(false)
    expect(inverted(index).documents.removed.length).toBeGreaterThan(201)
    // 99 documents into 201 (a third of the index after it): packed and trimmed again.
    await index.addAllAsync(documents.slice(201), { chunkSize: 30 })
    expect(packed(index)).toBe(true)
    expect(inverted(index).postings.regionStart.length).toBe(Math.max(16, inverted(index).dictionary.size))
    expect(inverted(index).documents.removed.length).toBe(300)
    // No string per term, not even an empty slot per term (a query makes the strings it needs).
    expect(Object.values(inverted(index).dictionary).some((value) => Array.isArray(value))).toBe(false)
  })

  it('releases the analysis caches after a large batch; a small one keeps them, up to a bound', async () => {
    const index = new SearchIndex(options)
    index.addAll(documents.slice(0, 200))
    expect(internedCount()).toBe(0)
    index.addAll(documents.slice(200, 210))
    const kept = internedCount()
    expect(kept).toBeGreaterThan(0)
    await index.addAllAsync(documents.slice(210, 220), { chunkSize: 3 })
    expect(internedCount()).toBeGreaterThanOrEqual(kept)
    await index.addAllAsync(documents.slice(220), { chunkSize: 30 })
    expect(internedCount()).toBe(0)
    // 33,000 distinct words in a small batch (more than the 32,768 kept): released, by both.
    const wide = (from: number) =>
      Array.from({ length: 30 }, (_, id) => ({
        id: `w${from + id}`,
        title: '',
        body: Array.from({ length: 1100 }, (_, k) => `w${from + id}q${k}`).join(' '),
      }))
    index.addAll(wide(0))
    expect(internedCount()).toBe(0)
    await index.addAllAsync(wide(30), { chunkSize: 10 })
    expect(internedCount()).toBe(0)
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

  it('an index built in batches, packed or not, with caches kept or released, equals one built by add()', async () => {
    const one = new SearchIndex(options)
    for (const document of documents) one.add(document)
    const batches = new SearchIndex(options)
    batches.addAll(documents.slice(0, 100))
    batches.search(words[3])
    for (const document of documents.slice(100, 150)) batches.add(document)
    // Batches too small to pack the index, then one that packs it (70 documents into 156).
    for (let id = 150; id < 156; id += 2) batches.addAll(documents.slice(id, id + 2))
    await batches.addAllAsync(documents.slice(156, 220), { chunkSize: 9 })
    analyze(documents[0].body)
    batches.addAll(documents.slice(220))
    expect(batches.save()).toEqual(one.save())
    for (const query of [words[0], words[7], 'کتاب', 'مدرسه', 'رفتن']) {
      expect(batches.search(query)).toEqual(one.search(query))
    }
  })

  it('a posting pool grows small regions by doubling, large ones and itself by a quarter', () => {
    const pool = new PostingPool(16, 16)
    const log = new PostingLog()
    const posting = new Uint8Array([1, 1, 0]) // field 0, tf 1, position 0
    let moves = 0
    let peakUsed = 0
    for (let docId = 0; docId < 3000; docId++) {
      for (const termId of docId % 3 === 0 ? [0, 1, 2] : [0]) {
        const capacity = pool.regionCapacity[termId]
        pool.appendPosting(termId, docId, posting, posting.length)
        log.reserve(posting.length).set(posting, log.usedBytes)
        log.push(termId, docId, log.usedBytes + posting.length)
        const grown = pool.regionCapacity[termId]
        if (grown === capacity) continue
        moves++
        expect(grown).toBe(capacity < 256 ? Math.max(8, capacity * 2) : capacity + (capacity >>> 2))
      }
      // The pool grows to a quarter more than its regions and garbage took at the time: at most a quarter
      // more than they ever took.
      peakUsed = Math.max(peakUsed, pool.usedBytes)
      expect(pool.bytes.length).toBeLessThanOrEqual(Math.max(256, Math.ceil(peakUsed * 1.25)))
    }
    expect(pool.regionCapacity[0]).toBeLessThan(pool.regionLength[0] * 1.26)
    expect(moves).toBeLessThan(100)
    const packed = log.toPool(3)
    for (let termId = 0; termId < 3; termId++)
      expect(pool.postingsOf(termId)).toEqual(packed.postingsOf(termId))
  })
})
