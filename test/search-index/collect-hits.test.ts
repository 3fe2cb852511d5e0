/**
 * The bounded top-N collector (src/query/collect-hits.ts): the page it keeps equals a full sort, whatever
 * the order matches arrive in, and the detail it hands back on each eviction is exactly the evicted hit's
 * (search reuses those arrays for later matches).
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HitCollector } from '../../src/query/collect-hits'

describe('HitCollector', () => {
  it('keeps the best hits by score, ties to the lower doc id, and returns the detail it drops', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(500), { maxLength: 120 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (docIds, scores, capacity) => {
          const collector = new HitCollector<{ docId: number }>(capacity, null)
          const kept = new Set<number>()
          docIds.forEach((docId, i) => {
            const score = scores[i]
            if (!collector.accepts(docId, score, undefined)) return
            const dropped = collector.add(docId, score, undefined, { docId })
            kept.add(docId)
            if (dropped !== undefined) {
              expect(kept.has(dropped.docId)).toBe(true)
              kept.delete(dropped.docId)
            }
            expect(kept.size).toBeLessThanOrEqual(capacity)
          })
          const expected = docIds
            .map((docId, i) => ({ docId, score: scores[i] }))
            .sort((a, b) => b.score - a.score || a.docId - b.docId)
            .slice(0, capacity)
          const page = collector.sorted()
          expect(page.map((hit) => [hit.docId, hit.score])).toEqual(
            expected.map((hit) => [hit.docId, hit.score]),
          )
          expect(page.map((hit) => hit.detail.docId)).toEqual(expected.map((hit) => hit.docId))
          expect(new Set(page.map((hit) => hit.docId))).toEqual(kept)
        },
      ),
      { numRuns: 300 },
    )
  })
})
