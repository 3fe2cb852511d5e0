/**
 * A top-k search by score in two passes over the query terms' impacts (`term-impacts.ts`), for queries whose
 * terms hold few enough postings:
 *
 * 1. Term at a time, every document holding a query term gets a lower and an upper bound of its score from
 *    its impacts alone: per clause the best exact single-term score (lower), and the best score with its
 *    title-match part as if the title were covered, phrases bounded by their rarest term (upper); the upper
 *    bound adds the largest proximity bonus those clause bounds allow. The page's worst lower bound (the
 *    `pageSize`-th best) is a score the page will certainly reach.
 * 2. Best upper bound first, the documents whose upper bound reaches it are scored exactly, as the exhaustive
 *    walk scores them, and passed on while their bound also exceeds the caller's `minimumScore()` (the
 *    first that does not ends the walk). Not in doc-id order: the caller ranks by score, ties by doc id.
 *
 * A document whose upper bound is below the page's worst lower bound cannot enter the page, so the page is
 * exactly the exhaustive walk's. Only for OR queries with no coordination factor, no phrase exclusions and no
 * filter (the caller passes `pageSize` only then): there the exact score is at least the sum of the clause
 * scores, and the excluded documents are known before pass 1.
 */

import type { InvertedIndex } from '../index/inverted-index'
import { firstAtLeast, type PostingCursor } from '../index/posting-cursor'
import type { CompiledQuery } from './compile-query'
import type { ResolvedRanking } from './ranking'
import { boundLimit, exceedsBound } from './score-bounds'
import { IMPACT_ROUNDING, type TermImpacts } from './term-impacts'

/** What the walk needs of the evaluator: exact scores of documents its cursors are on. */
export interface ExactScorer {
  readonly cursors: PostingCursor[]
  scoreDocument(docId: number): number
  setCurrentDocument(docId: number): void
}

/** The slot of an excluded document during pass 1. */
const EXCLUDED = -2

/** Relative room for rounding in the per-posting test of whether a document gets a slot. */
const SLOT_ROUNDING = 1e-9

// Scratch space, reused by every query (queries run one at a time on a thread): per touched document
// (slot), its doc id, bounds and running sums, and its value in the clause being read.
let slotOfDoc = new Int32Array(0)
let slotDoc = new Int32Array(1024)
let lower = new Float64Array(1024)
let upper = new Float64Array(1024)
/** The clause whose value {@link clauseLower}/{@link clauseUpper} hold (−1: none yet). */
let clauseStamp = new Int32Array(1024)
let clauseLower = new Float64Array(1024)
let clauseUpper = new Float64Array(1024)
/** Per slot, the upper bound of every clause (row slot × clauses), for the proximity bound. */
let upperByClause = new Float64Array(1024)
/** Slots the clause being read touched. */
let clauseSlots = new Int32Array(1024)

/**
 * Runs the two passes (see the module comment), calling `onMatch` with exact scores, best bound first.
 *
 * @param impacts the impacts of each query term (`query.termIds`), under the evaluator's ranking parameters
 * @param excluded documents ruled out by the query's exclusions (never scored)
 */
export function runImpactWalk(
  scorer: ExactScorer,
  index: InvertedIndex,
  query: CompiledQuery,
  ranking: ResolvedRanking,
  impacts: readonly TermImpacts[],
  excluded: Int32Array,
  pageSize: number,
  onMatch: (docId: number, score: number) => void,
  minimumScore: () => number,
): void {
  const documents = index.documents
  const clauses = query.clauses
  const clauseCount = clauses.length
  const removed = documents.removed

  // Pass 1: bounds per touched document (slot), clause by clause, the clauses with fewest postings first. A
  // clause's value in a document is the best of its alternatives' (lower: exact single terms only; upper:
  // with the title part, phrases by their rarest term). Once the clauses left cannot lift a document that
  // none of the clauses read so far holds up to the page's worst lower bound so far, their postings only
  // add to documents already touched.
  if (slotOfDoc.length < documents.count) {
    slotOfDoc = new Int32Array(Math.max(documents.count, 2 * slotOfDoc.length)).fill(-1)
  }
  let maxTouched = 0
  for (const impact of impacts) maxTouched += impact.count
  reserve(maxTouched, clauseCount)
  // Locals: module-level bindings are re-read on every access in a loop.
  const slotOf = slotOfDoc
  const docs = slotDoc
  const rows = upperByClause
  const lowerSum = lower
  const upperSum = upper
  const stamp = clauseStamp
  const valueLower = clauseLower
  const valueUpper = clauseUpper
  const inClauseSlots = clauseSlots
  const required = query.requiredClauses
  const requiredCount = required.length
  // Per clause and per alternative (unit), in scratch arrays reused by every query (pass 1 runs no caller
  // code, so no other walk can start before it ends; pass 2 reads none of them).
  let unitCount = 0
  for (let c = 0; c < clauseCount; c++) unitCount += clauses[c].alternatives.length
  const plan = planScratch(clauseCount, unitCount)
  // Index in `required` of each clause (−1 for an optional one).
  const requiredIndex = plan.requiredIndex
  requiredIndex.fill(-1, 0, clauseCount)
  for (let r = 0; r < requiredCount; r++) requiredIndex[required[r]] = r
  const proximityWeight = required.length > 1 ? ranking.proximityWeight : 0
  // The clauses' alternatives (units) in flat arrays: the loops below read no query object.
  const firstUnit = plan.firstUnit
  firstUnit[0] = 0
  for (let c = 0; c < clauseCount; c++) firstUnit[c + 1] = firstUnit[c] + clauses[c].alternatives.length
  const unitLead = plan.unitLead
  const unitWeight = plan.unitWeight
  const unitExact = plan.unitExact
  const clausePostings = plan.clausePostings
  const clauseBound = plan.clauseBound
  clausePostings.fill(0, 0, clauseCount)
  clauseBound.fill(0, 0, clauseCount)
  for (let c = 0; c < clauseCount; c++) {
    const alternatives = clauses[c].alternatives
    for (let a = 0; a < alternatives.length; a++) {
      const alternative = alternatives[a]
      const u = firstUnit[c] + a
      // A phrase occurs in a field at most as often as each of its terms: its rarest term bounds it.
      let lead = alternative.cursors[0]
      for (const k of alternative.cursors) if (impacts[k].count < impacts[lead].count) lead = k
      const impact = impacts[lead]
      const weight = alternative.weight * alternative.idf
      unitLead[u] = lead
      unitWeight[u] = weight
      unitExact[u] = alternative.cursors.length === 1 ? 1 : 0
      const bound = weight * impact.maxUpperSaturation
      if (bound > clauseBound[c]) clauseBound[c] = bound
      clausePostings[c] += impact.count
    }
  }
  // The clauses by ascending postings, ties by clause index (an insertion sort: a query has few clauses).
  const order = plan.order
  for (let c = 0; c < clauseCount; c++) {
    let o = c
    while (o > 0 && clausePostings[order[o - 1]] > clausePostings[c]) {
      order[o] = order[o - 1]
      o--
    }
    order[o] = c
  }
  // restBound[o]: the most a document holding none of order[0, o) can score.
  const position = plan.position
  for (let o = 0; o < clauseCount; o++) position[order[o]] = o
  const restBound = plan.restBound
  restBound[clauseCount] = 0
  // Per clause, 1 + proximityWeight × its proximity pairs with clauses later in the order: a document holding
  // none of the clauses before it and value v in it scores at most v × this + the rest's bound.
  const pairScale = plan.pairScale
  for (let o = clauseCount - 1; o >= 0; o--) {
    const c = order[o]
    let bound = clauseBound[c]
    pairScale[c] = 1
    // Proximity pairs whose other clause comes later in the order (or at the same place: never).
    const at = requiredIndex[c]
    if (proximityWeight > 0 && at >= 0) {
      for (let neighbour = at - 1; neighbour <= at + 1; neighbour += 2) {
        if (neighbour < 0 || neighbour >= required.length) continue
        const other = required[neighbour]
        if (position[other] > o) {
          bound += proximityWeight * Math.min(clauseBound[c], clauseBound[other])
          pairScale[c] += proximityWeight
        }
      }
    }
    restBound[o] = restBound[o + 1] + bound
  }
  const high = 1 + IMPACT_ROUNDING
  const low = 1 - IMPACT_ROUNDING
  // Excluded documents get no slot (marked until the end of pass 1).
  for (let i = 0; i < excluded.length; i++) slotOf[excluded[i]] = EXCLUDED
  let touched = 0
  let createSlots = true
  // The page's worst lower bound so far (0: not known yet).
  let floorSoFar = 0
  for (let o = 0; o < clauseCount; o++) {
    const c = order[o]
    const requiredAt = requiredIndex[c]
    // (Checked before a clause whose postings outnumber the documents touched so far: before a shorter
    // one, making its slots costs less than finding the page's worst lower bound.)
    if (createSlots && touched >= pageSize && pageSize > 0 && clausePostings[c] > touched) {
      floorSoFar = kthLargest(lowerSum, touched, pageSize) * low
      if (boundLimit(restBound[o] * high) < floorSoFar) createSlots = false
    }
    // A document that none of the clauses read so far holds needs value ≥ reach / pairScale in this one to
    // reach the page's worst lower bound (with the most the clauses after it can add): below that, it gets no
    // slot. (Such a document may get one in a later clause, with its sums short of this clause's value: its
    // score, below the floor, keeps it out of the page whatever they say.)
    const reach =
      floorSoFar > 0 ? floorSoFar / (boundLimit(high) * pairScale[c]) - restBound[o + 1] / pairScale[c] : 0
    let inClause = 0
    for (let u = firstUnit[c]; u < firstUnit[c + 1]; u++) {
      const exact = unitExact[u] === 1
      const impact = impacts[unitLead[u]]
      const count = impact.count
      const docIds = impact.docIds
      const saturation = impact.saturation
      const upperSaturation = impact.upperSaturation
      const weight = unitWeight[u]
      // The least upper saturation that earns a new slot (with room for rounding).
      const slotThreshold = !createSlots
        ? Number.POSITIVE_INFINITY
        : reach > 0
          ? weight > 0
            ? (reach / weight) * (1 - SLOT_ROUNDING)
            : Number.POSITIVE_INFINITY
          : Number.NEGATIVE_INFINITY
      if (firstUnit[c + 1] - firstUnit[c] === 1) {
        // A clause of one alternative: a document's value is its posting's (a term lists a document once),
        // added at once. (Its slot-making lines repeat the loop's below: a shared function reading the
        // module's arrays measured 2–3 % slower.)
        const lowerWeight = exact ? weight : 0
        for (let i = 0; i < count; i++) {
          const docId = docIds[i]
          let slot = slotOf[docId]
          if (slot < 0) {
            if (upperSaturation[i] < slotThreshold || slot === EXCLUDED || removed[docId] === 1) continue
            slot = touched++
            slotOf[docId] = slot
            docs[slot] = docId
            lowerSum[slot] = 0
            upperSum[slot] = 0
            stamp[slot] = -1
            const row = slot * requiredCount
            for (let r = 0; r < requiredCount; r++) rows[row + r] = 0
          }
          const bound = weight * upperSaturation[i]
          upperSum[slot] += bound
          lowerSum[slot] += lowerWeight * saturation[i]
          if (requiredAt >= 0) rows[slot * requiredCount + requiredAt] = bound
        }
        continue
      }
      for (let i = 0; i < count; i++) {
        const docId = docIds[i]
        let slot = slotOf[docId]
        if (slot < 0) {
          if (upperSaturation[i] < slotThreshold || slot === EXCLUDED || removed[docId] === 1) continue
          slot = touched++
          slotOf[docId] = slot
          docs[slot] = docId
          lowerSum[slot] = 0
          upperSum[slot] = 0
          stamp[slot] = -1
          const row = slot * requiredCount
          for (let r = 0; r < requiredCount; r++) rows[row + r] = 0
        }
        if (stamp[slot] !== c) {
          stamp[slot] = c
          valueLower[slot] = 0
          valueUpper[slot] = 0
          inClauseSlots[inClause++] = slot
        }
        const bound = weight * upperSaturation[i]
        if (bound > valueUpper[slot]) valueUpper[slot] = bound
        if (exact) {
          const score = weight * saturation[i]
          if (score > valueLower[slot]) valueLower[slot] = score
        }
      }
    }
    for (let j = 0; j < inClause; j++) {
      const slot = inClauseSlots[j]
      lowerSum[slot] += valueLower[slot]
      upperSum[slot] += valueUpper[slot]
      if (requiredAt >= 0) rows[slot * requiredCount + requiredAt] = valueUpper[slot]
    }
  }
  // The page's worst lower bound: every document of the page scores at least this.
  // (Scaled after the selection: the k-th largest of the scaled sums is the scaled k-th largest.)
  const floor = touched > pageSize && pageSize > 0 ? kthLargest(lowerSum, touched, pageSize) * low : 0
  // Upper bounds with the proximity bonus. Most documents fall short even with the largest bonus their
  // clause bounds allow (each clause is in at most two pairs, each pair adds at most the mean of its two),
  // and are dropped before the bonus is summed pair by pair.
  let candidates = 0
  for (let s = 0; s < touched; s++) {
    let bound = upperSum[s]
    upperSum[s] = -1 // not a candidate
    if (floor > 0 && boundLimit((bound + proximityWeight * bound) * high) < floor) continue
    if (proximityWeight > 0) {
      // closeness ≤ 1 for a pair of adjacent required clauses.
      const row = s * requiredCount
      let bonus = 0
      for (let r = 0; r + 1 < requiredCount; r++) bonus += Math.min(rows[row + r], rows[row + r + 1])
      bound += proximityWeight * bonus
    }
    bound *= high
    if (floor > 0 && boundLimit(bound) < floor) continue
    upperSum[s] = bound
    candidates++
  }
  // The candidates (own arrays: onMatch runs caller code), taken best upper bound first from a heap: pass 2
  // usually stops after a few of them, so they are not all sorted.
  const candidateDocs = new Int32Array(candidates)
  const candidateBounds = new Float64Array(candidates)
  for (let s = 0, n = 0; s < touched; s++) {
    if (upperSum[s] < 0) continue
    candidateDocs[n] = docs[s]
    candidateBounds[n] = upperSum[s]
    n++
  }
  const heap = new CandidateHeap(candidateDocs, candidateBounds)
  for (let s = 0; s < touched; s++) slotOf[docs[s]] = -1
  for (let i = 0; i < excluded.length; i++) slotOf[excluded[i]] = -1
  shrinkScratch()

  // Pass 2: exact scores, best upper bound first, so that the page fills with its likely members and its
  // worst score rises early: the first candidate whose bound cannot beat it ends the walk (the bounds of
  // the rest are no higher). Each cursor is put straight on its posting of the candidate (found in its
  // impacts); a cursor without one stays on another document.
  const cursors = scorer.cursors
  while (heap.size > 0) {
    const docId = candidateDocs[heap.top]
    if (!exceedsBound(candidateBounds[heap.top], minimumScore())) break
    heap.pop()
    for (let k = 0; k < cursors.length; k++) {
      const { docIds, offsets, count } = impacts[k]
      const p = firstAtLeast(docIds, count, 0, docId)
      if (p < count && docIds[p] === docId) cursors[k].restoreAt(offsets[p], p > 0 ? docIds[p - 1] : -1)
    }
    const score = scorer.scoreDocument(docId)
    if (score > 0) {
      scorer.setCurrentDocument(docId)
      onMatch(docId, score)
    }
  }
}

/**
 * The candidates of pass 2 by upper bound, highest first (ties: lower doc id first), as a binary heap of
 * their indices.
 */
class CandidateHeap {
  private readonly order: Int32Array
  size: number

  constructor(
    private readonly docs: Int32Array,
    private readonly bounds: Float64Array,
  ) {
    this.size = docs.length
    this.order = new Int32Array(this.size)
    for (let i = 0; i < this.size; i++) this.order[i] = i
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i)
  }

  /** The index of the best candidate left (size > 0). */
  get top(): number {
    return this.order[0]
  }

  /** Removes the best candidate left. */
  pop(): void {
    this.size--
    if (this.size > 0) {
      this.order[0] = this.order[this.size]
      this.siftDown(0)
    }
  }

  /** True when candidate a comes before candidate b. */
  private before(a: number, b: number): boolean {
    const { bounds } = this
    return bounds[a] > bounds[b] || (bounds[a] === bounds[b] && this.docs[a] < this.docs[b])
  }

  private siftDown(at: number): void {
    const { order, size } = this
    const item = order[at]
    for (;;) {
      const left = 2 * at + 1
      if (left >= size) break
      const right = left + 1
      const child = right < size && this.before(order[right], order[left]) ? right : left
      if (!this.before(order[child], item)) break
      order[at] = order[child]
      at = child
    }
    order[at] = item
  }
}

/** Per-clause and per-unit arrays of pass 1, reused by every query (see {@link planScratch}). */
interface PlanScratch {
  requiredIndex: Int32Array
  firstUnit: Int32Array
  unitLead: Int32Array
  unitWeight: Float64Array
  unitExact: Uint8Array
  clausePostings: Float64Array
  clauseBound: Float64Array
  order: Int32Array
  position: Int32Array
  restBound: Float64Array
  pairScale: Float64Array
}

let planArrays = planArraysOf(16, 64)

function planArraysOf(clauses: number, units: number): PlanScratch {
  return {
    requiredIndex: new Int32Array(clauses),
    firstUnit: new Int32Array(clauses + 1),
    unitLead: new Int32Array(units),
    unitWeight: new Float64Array(units),
    unitExact: new Uint8Array(units),
    clausePostings: new Float64Array(clauses),
    clauseBound: new Float64Array(clauses),
    order: new Int32Array(clauses),
    position: new Int32Array(clauses),
    restBound: new Float64Array(clauses + 1),
    pairScale: new Float64Array(clauses),
  }
}

/** The pass-1 arrays with room for `clauses` clauses of `units` alternatives in all (contents undefined). */
function planScratch(clauses: number, units: number): PlanScratch {
  if (planArrays.order.length < clauses || planArrays.unitLead.length < units) {
    planArrays = planArraysOf(
      Math.max(clauses, planArrays.order.length),
      Math.max(units, planArrays.unitLead.length),
    )
  }
  return planArrays
}

/** Scratch arrays above this many entries are dropped after the query that needed them. */
const KEPT_SCRATCH = 1 << 16

/** Gives back scratch space a big query grew (the arrays are module-wide and live as long as the process). */
function shrinkScratch(): void {
  if (slotDoc.length > KEPT_SCRATCH) allocateSlots(1024)
  if (upperByClause.length > KEPT_SCRATCH) upperByClause = new Float64Array(1024)
}

/** New per-slot scratch arrays of `size` slots. */
function allocateSlots(size: number): void {
  slotDoc = new Int32Array(size)
  lower = new Float64Array(size)
  upper = new Float64Array(size)
  clauseStamp = new Int32Array(size)
  clauseLower = new Float64Array(size)
  clauseUpper = new Float64Array(size)
  clauseSlots = new Int32Array(size)
}

/** Makes the scratch arrays hold `slots` documents of `clauses` clauses. */
function reserve(slots: number, clauses: number): void {
  if (slotDoc.length < slots) allocateSlots(Math.max(slots, 2 * slotDoc.length))
  if (upperByClause.length < slots * clauses) {
    upperByClause = new Float64Array(Math.max(slots * clauses, 2 * upperByClause.length))
  }
}

const selectScratch: { values: Float64Array } = { values: new Float64Array(1024) }

/** The k-th largest of values[0, n) (1 ≤ k ≤ n): a min-heap of the k largest when k is small, else quickselect. */
function kthLargest(values: Float64Array, n: number, k: number): number {
  if (k <= HEAP_MAX_K) return kthLargestByHeap(values, n, k)
  if (selectScratch.values.length < n)
    selectScratch.values = new Float64Array(Math.max(n, 2 * selectScratch.values.length))
  const a = selectScratch.values
  for (let i = 0; i < n; i++) a[i] = values[i]
  // The k-th largest is at index k − 1 of a descending order.
  const target = k - 1
  let left = 0
  let right = n - 1
  while (left < right) {
    const pivot = a[(left + right) >>> 1]
    let i = left
    let j = right
    while (i <= j) {
      while (a[i] > pivot) i++
      while (a[j] < pivot) j--
      if (i <= j) {
        const t = a[i]
        a[i] = a[j]
        a[j] = t
        i++
        j--
      }
    }
    if (target <= j) right = j
    else if (target >= i) left = i
    else break
  }
  return a[target]
}

const HEAP_MAX_K = 64
const heapScratch = new Float64Array(HEAP_MAX_K)

function kthLargestByHeap(values: Float64Array, n: number, k: number): number {
  const heap = heapScratch
  for (let i = 0; i < k; i++) {
    // Sift up.
    let at = i
    const value = values[i]
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (heap[parent] <= value) break
      heap[at] = heap[parent]
      at = parent
    }
    heap[at] = value
  }
  for (let i = k; i < n; i++) {
    const value = values[i]
    if (value <= heap[0]) continue
    // Replace the smallest and sift down.
    let at = 0
    for (;;) {
      const left = 2 * at + 1
      if (left >= k) break
      const right = left + 1
      const child = right < k && heap[right] < heap[left] ? right : left
      if (heap[child] >= value) break
      heap[at] = heap[child]
      at = child
    }
    heap[at] = value
  }
  return heap[0]
}
