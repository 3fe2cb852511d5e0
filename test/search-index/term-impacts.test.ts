/**
 * Term impacts (src/query/term-impacts.ts): what they hold per posting, and when the cache keeps, drops and
 * admits them. That pages answered from them are exact is the pruning test's (test/search-index/pruning.test.ts).
 */

import { afterEach, describe, expect, it } from 'vitest'
import { SearchIndex } from '../../src/index'
import type { InvertedIndex } from '../../src/index/inverted-index'
import { PostingCursor } from '../../src/index/posting-cursor'
import { resolveRanking } from '../../src/query/ranking'
import {
  IMPACT_ROUNDING,
  type ImpactParameters,
  impactCacheSettings,
  queryImpacts,
  termImpacts,
} from '../../src/query/term-impacts'
import { VOCABULARY } from './helpers'

const defaults = { ...impactCacheSettings }
afterEach(() => {
  Object.assign(impactCacheSettings, defaults)
})

/** A small index over two fields, with words drawn by a fixed rule (no randomness). */
function buildIndex(documents = 300): { index: SearchIndex; inverted: InvertedIndex } {
  const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', autoCompact: false })
  const words = VOCABULARY.slice(0, 10)
  index.addAll(
    Array.from({ length: documents }, (_, i) => ({
      id: i,
      title: `${words[i % 7]} ${words[(i * 3) % 10]}`,
      // A rarer word in every 50th document.
      body: `${Array.from({ length: 5 + (i % 17) }, (_, j) => words[(i * j + j) % 10]).join(' ')}${i % 50 === 0 ? ` ${VOCABULARY[11]}` : ''}`,
    })),
  )
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the index's internals.
  return { index, inverted: (index as any).inverted as InvertedIndex }
}

function parametersOf(inverted: InvertedIndex): ImpactParameters {
  const ranking = resolveRanking(['title', 'body'], {})
  const documents = inverted.documents
  const fieldCount = inverted.fieldCount
  const average = new Float64Array(fieldCount)
  for (let f = 0; f < fieldCount; f++) average[f] = documents.averageFieldLength(f)
  const fieldBoosts = new Float64Array(fieldCount).fill(1)
  return { fieldBoosts, b: ranking.b, k1: ranking.k1, average, titleField: 0, titleMatch: ranking.titleMatch }
}

/** The term ids of the index, most postings first. */
function termsByPostings(inverted: InvertedIndex): number[] {
  const ids = Array.from({ length: inverted.postings.termCount }, (_, t) => t)
  return ids.sort((a, b) => inverted.postings.docFrequency[b] - inverted.postings.docFrequency[a])
}

describe('term impacts', () => {
  it('hold each posting’s document, offset and saturated BM25F frequency (all fields, and with the title bonus)', () => {
    const { inverted } = buildIndex()
    const parameters = parametersOf(inverted)
    const { fieldBoosts, b, k1, average } = parameters
    const documents = inverted.documents
    for (const termId of termsByPostings(inverted).slice(0, 5)) {
      const impacts = termImpacts(inverted.postings, documents, termId, parameters)
      const cursor = new PostingCursor(inverted.postings.postingsOf(termId), inverted.fieldCount)
      let i = 0
      while (cursor.next()) {
        const docId = cursor.docId
        expect(impacts.docIds[i]).toBe(docId)
        expect(impacts.offsets[i]).toBe(cursor.postingStart)
        const docK1 = k1[(documents.languages[docId] >>> 2) & 3]
        let weighted = 0
        let title = 0
        for (let f = 0; f < inverted.fieldCount; f++) {
          const norm = 1 - b[f] + (b[f] * documents.fieldLength(docId, f)) / average[f]
          const value = (cursor.termFrequency[f] * fieldBoosts[f]) / norm
          weighted += value
          if (f === 0) title = value
        }
        const saturate = (x: number) => (x > 0 ? (x * (docK1 + 1)) / (docK1 + x) : 0)
        expect(Math.abs(impacts.saturation[i] - saturate(weighted))).toBeLessThanOrEqual(
          saturate(weighted) * IMPACT_ROUNDING,
        )
        const upper = saturate(weighted) + parameters.titleMatch * saturate(title)
        expect(Math.abs(impacts.upperSaturation[i] - upper)).toBeLessThanOrEqual(upper * IMPACT_ROUNDING)
        i++
      }
      expect(impacts.count).toBe(i)
      expect(impacts.maxSaturation).toBe(Math.max(...impacts.saturation))
      expect(impacts.maxUpperSaturation).toBe(Math.max(...impacts.upperSaturation))
    }
  })

  it('a cursor put back on a posting by its offset reads it as next() did', () => {
    const { inverted } = buildIndex()
    const termId = termsByPostings(inverted)[0]
    const impacts = termImpacts(inverted.postings, inverted.documents, termId, parametersOf(inverted))
    const reader = new PostingCursor(inverted.postings.postingsOf(termId), inverted.fieldCount)
    const jumper = new PostingCursor(inverted.postings.postingsOf(termId), inverted.fieldCount)
    // Backwards and forwards, positions included.
    for (const p of [impacts.count - 1, 3, 0, 7, impacts.count - 2]) {
      jumper.restoreAt(impacts.offsets[p], p > 0 ? impacts.docIds[p - 1] : -1)
      reader.seek(impacts.docIds[p])
      expect(jumper.docId).toBe(reader.docId)
      expect([...jumper.termFrequency]).toEqual([...reader.termFrequency])
      expect([...jumper.positions.subarray(0, 8)]).toEqual([...reader.positions.subarray(0, 8)])
    }
  })

  it('are cached until the parameters change or the term gets more postings', () => {
    const { index, inverted } = buildIndex()
    const parameters = parametersOf(inverted)
    const termId = termsByPostings(inverted)[0]
    const first = termImpacts(inverted.postings, inverted.documents, termId, parameters)
    expect(termImpacts(inverted.postings, inverted.documents, termId, parameters)).toBe(first)
    const otherB = { ...parameters, b: Float64Array.from(parameters.b, () => 0.3) }
    expect(termImpacts(inverted.postings, inverted.documents, termId, otherB)).not.toBe(first)
    index.add({ id: 'new', title: VOCABULARY[0], body: VOCABULARY.slice(0, 10).join(' ') })
    const now = parametersOf(inverted)
    const after = termImpacts(inverted.postings, inverted.documents, termId, now)
    expect(after.count).toBe(inverted.postings.docFrequency[termId])
  })

  it('the cache keeps the most recently used terms within its budget', () => {
    const { inverted } = buildIndex()
    const parameters = parametersOf(inverted)
    const [a, b, c] = termsByPostings(inverted)
    const postings = inverted.postings.docFrequency
    // Room for the two longest lists together, not for three.
    impactCacheSettings.share = 0
    impactCacheSettings.minPostings = postings[a] + postings[b]
    const impactsOfA = termImpacts(inverted.postings, inverted.documents, a, parameters)
    const impactsOfB = termImpacts(inverted.postings, inverted.documents, b, parameters)
    expect(termImpacts(inverted.postings, inverted.documents, a, parameters)).toBe(impactsOfA) // a: most recent
    termImpacts(inverted.postings, inverted.documents, c, parameters) // evicts b, the least recently used
    expect(termImpacts(inverted.postings, inverted.documents, a, parameters)).toBe(impactsOfA)
    expect(termImpacts(inverted.postings, inverted.documents, b, parameters)).not.toBe(impactsOfB)
  })

  it('a long posting list is decoded the second time a query uses it', () => {
    const { inverted } = buildIndex(1200)
    const parameters = parametersOf(inverted)
    const [long] = termsByPostings(inverted)
    expect(inverted.postings.docFrequency[long]).toBeGreaterThan(256)
    impactCacheSettings.admitOnFirstUse = true
    expect(queryImpacts(inverted.postings, inverted.documents, [long], parameters)).toBeNull()
    const second = queryImpacts(inverted.postings, inverted.documents, [long], parameters)
    expect(second?.[0].count).toBe(inverted.postings.docFrequency[long])
    // A short one at once.
    const short = termsByPostings(inverted).find((t) => inverted.postings.docFrequency[t] <= 256)
    expect(short).toBeDefined()
    expect(queryImpacts(inverted.postings, inverted.documents, [short!], parameters)).not.toBeNull()
    // And every one at once without the rule.
    impactCacheSettings.admitOnFirstUse = false
    const [, next] = termsByPostings(inverted)
    expect(queryImpacts(inverted.postings, inverted.documents, [next], parameters)).not.toBeNull()
  })
})
