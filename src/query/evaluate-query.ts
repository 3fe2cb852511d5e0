/**
 * Evaluates a {@link CompiledQuery} document-at-a-time: walks the posting cursors of all query terms in
 * doc-id order, decides per document whether it matches (combineWith, exclusions, removed documents),
 * and scores it with BM25F + coordination + proximity (formula in `ranking.ts`). Owns matching and
 * scoring only: what to keep of the matches (top-k, sort, facets) is the caller's callback.
 */

import type { InvertedIndex } from '../index/inverted-index'
import { NO_MORE_DOCS, PostingCursor } from '../index/posting-cursor'
import type { CompiledAlternative, CompiledQuery } from './compile-query'
import { CursorHeap } from './cursor-heap'
import { runImpactWalk } from './impact-walk'
import { type ResolvedRanking, titleBonusField } from './ranking'
import { queryImpacts } from './term-impacts'
import { type DocumentScorer, TopScoreWalk } from './top-score-walk'

/**
 * When the pruned walks are used, by the postings of all query terms. `minImpactPostings` …
 * `maxImpactPostings`: the two passes over impacts (`impact-walk.ts`), for the queries they can answer;
 * measured against the other walks on hamshahri-subset and on arcd + xquad-ar queries over saudinewsnet,
 * they took 0.6–0.7 of the time from 300 postings on and about half from 1,000 to 100,000, and a little more
 * below 300. Otherwise from `minPostings` on the walk over block bounds (`top-score-walk.ts`): below, setting
 * up skip data and bounds costs more than decoding every posting (pruning won for most queries from about
 * 1,000 postings on, lost for most below), and every match is scored. Internal; tests change them to try
 * each walk on small indexes.
 */
export const pruningSettings = { minPostings: 1000, minImpactPostings: 300, maxImpactPostings: 100_000 }

const NO_DOCUMENTS = new Int32Array(0)

/** How clauses combine. */
export type CombineWith = 'or' | 'and'

/**
 * Matches and scores documents for one compiled query.
 *
 * @example
 * ```ts
 * const evaluator = new QueryEvaluator(index, compiled, ranking, fieldBoosts, 'or')
 * const masks = new Int32Array(compiled.termIds.length)
 * evaluator.run((docId, score) => console.log(docId, score, evaluator.matchedTerms(masks)))
 * ```
 */
export class QueryEvaluator implements DocumentScorer {
  /** One cursor per query term (for the pruned walk, `top-score-walk.ts`). */
  readonly cursors: PostingCursor[]
  /** One cursor per excluded term (`CompiledQuery.exclusionTermIds`). */
  readonly exclusionCursors: PostingCursor[]
  private readonly fieldFactor: Float64Array
  private readonly averageFieldLength: Float64Array
  private readonly clauseScore: Float64Array
  private readonly clauseBest: Int32Array
  private readonly satisfied: Uint8Array
  /**
   * Per required clause, its largest weight × idf over its alternatives (0 when nothing can match it; 0 for
   * optional clauses); and their sum: the proximity bonus of a document that lacks some required clauses is
   * scaled by the share of that sum it holds (see `ranking.ts`).
   */
  private readonly clauseIdf: Float64Array
  private readonly requiredIdf: number
  /** The field the title-match bonus reads, or −1 when it cannot score (see `titleBonusField`). */
  private readonly titleField: number
  /** Clauses whose title occurrences {@link titleBonus} counted (distinct terms). */
  private readonly titleCounted: Int32Array
  private phraseStarts: Uint32Array = new Uint32Array(64)
  /** The left side's phrase starts, copied (see {@link collectSpans}). */
  private leftPhraseStarts: Uint32Array = new Uint32Array(64)
  /** Where {@link collectSpans} left its positions: `spans` from `spansStart`. */
  private spans: Uint32Array = this.phraseStarts
  private spansStart = 0
  private currentDoc = -1

  /** Fields whose positions the proximity bonus reads (the first ones; see the constructor). */
  private readonly positionalFields: number

  /**
   * @param fieldBoosts boost per field index; 0 leaves a field out of the search.
   * @param layout.positionalFields the proximity bonus reads the positions of fields 0 up to this only
   *   (default: all): a field after them repeats words of the others (the lead field), so it could not
   *   bring them closer.
   */
  constructor(
    private readonly index: InvertedIndex,
    private readonly query: CompiledQuery,
    private readonly ranking: ResolvedRanking,
    private readonly fieldBoosts: Float64Array,
    private readonly combineWith: CombineWith,
    layout: { positionalFields?: number } = {},
  ) {
    const fieldCount = index.fieldCount
    this.positionalFields = Math.min(fieldCount, layout.positionalFields ?? fieldCount)
    // Pushed, not map()ped: one elements kind for every query (the walks' loops stay monomorphic).
    this.cursors = []
    for (const termId of query.termIds) {
      this.cursors.push(new PostingCursor(index.postings.postingsOf(termId), fieldCount))
    }
    this.exclusionCursors = query.exclusionTermIds.map(
      (termId) => new PostingCursor(index.postings.postingsOf(termId), fieldCount),
    )
    this.fieldFactor = new Float64Array(fieldCount)
    this.averageFieldLength = new Float64Array(fieldCount)
    for (let f = 0; f < fieldCount; f++) this.averageFieldLength[f] = index.documents.averageFieldLength(f)
    this.clauseScore = new Float64Array(query.clauses.length)
    this.clauseBest = new Int32Array(query.clauses.length)
    this.satisfied = new Uint8Array(query.clauses.length)
    this.clauseIdf = new Float64Array(query.clauses.length)
    let requiredIdf = 0
    for (const c of query.requiredClauses) {
      let idf = 0
      for (const alternative of query.clauses[c].alternatives)
        idf = Math.max(idf, alternative.weight * alternative.idf)
      this.clauseIdf[c] = idf
      requiredIdf += idf
    }
    this.requiredIdf = requiredIdf
    this.titleField = titleBonusField(ranking, fieldBoosts)
    this.titleCounted = new Int32Array(query.clauses.length)
  }

  /**
   * Calls `onMatch` for every matching live document, in doc-id order.
   *
   * With `minimumScore` (a top-k search by score) and enough postings to make it pay, documents that
   * provably score at most `minimumScore()` may be skipped unscored (dynamic pruning: MaxScore over upper
   * bounds of the score, with skip blocks; see `top-score-walk.ts`). Pass it only when such documents would
   * be dropped anyway: the caller keeps the best hits by score, ties going to the earlier document, and
   * `minimumScore()` is the score of the worst kept hit once the page (offset + limit) is full, else 0. It
   * is read after every `onMatch`. Documents that do reach `onMatch` get exactly the scores of the
   * exhaustive walk. Sorting by a field, facets, suggestions and unbounded limits need every match: call
   * without it.
   *
   * With `pageSize` too (the page's offset + limit, when the caller keeps every document it is passed, i.e.
   * no filter), an OR query without coordination or phrase exclusions whose terms hold at most
   * `pruningSettings.maxImpactPostings` postings is answered in two passes over the terms' impacts
   * (`impact-walk.ts`): bounds of every document first, exact scores only for those that can reach the page,
   * passed to `onMatch` best bound first rather than in doc-id order (a caller that ranks by score, ties by
   * doc id, keeps the same page).
   */
  run(onMatch: (docId: number, score: number) => void, minimumScore?: () => number, pageSize?: number): void {
    const { cursors, query } = this
    if (query.requiredClauses.length === 0 || cursors.length === 0) return
    if (this.combineWith === 'and' && this.someRequiredClauseCannotMatch()) return
    // Without minimumScore (sorting, facets, suggestions, unbounded limits) or a pruned walk: every match.
    if (minimumScore !== undefined && this.runPruned(onMatch, minimumScore, pageSize)) return
    const heap = new CursorHeap(cursors)
    const removed = this.index.documents.removed
    while (heap.size > 0) {
      const docId = heap.minimumDocId()
      if (docId === NO_MORE_DOCS) break
      if (removed[docId] !== 1 && !this.isExcluded(docId)) {
        const score = this.scoreDocument(docId)
        if (score > 0) {
          this.currentDoc = docId
          onMatch(docId, score)
        }
      }
      heap.advancePast(docId)
    }
  }

  /**
   * A pruned walk for a top-k search by score (see {@link run}), by the query terms' postings: the impact walk
   * where it applies and the terms' impacts are at hand, else the walk over block bounds from
   * `pruningSettings.minPostings` on. False when neither ran (the caller walks every match).
   */
  private runPruned(
    onMatch: (docId: number, score: number) => void,
    minimumScore: () => number,
    pageSize: number | undefined,
  ): boolean {
    const { query } = this
    const postings = this.postingCount()
    if (
      pageSize !== undefined &&
      postings >= pruningSettings.minImpactPostings &&
      postings <= pruningSettings.maxImpactPostings &&
      this.combineWith === 'or' &&
      this.ranking.coordination === 0 &&
      query.exclusions.every((alternative) => alternative.cursors.length === 1) &&
      this.runOnImpacts(onMatch, minimumScore, pageSize)
    ) {
      return true
    }
    if (postings < pruningSettings.minPostings) return false
    const { index, ranking, fieldBoosts, averageFieldLength, combineWith } = this
    const walk = new TopScoreWalk(this, index, query, ranking, fieldBoosts, averageFieldLength, combineWith)
    if (!walk.usable) return false
    walk.run(onMatch, minimumScore)
    return true
  }

  /**
   * The impact walk (`impact-walk.ts`), when the query terms' impacts are at hand (see `queryImpacts`: a
   * long posting list is decoded the second time a query uses it); false when they are not and nothing ran.
   */
  private runOnImpacts(
    onMatch: (docId: number, score: number) => void,
    minimumScore: () => number,
    pageSize: number,
  ): boolean {
    const { index, query, ranking } = this
    const impacts = queryImpacts(index.postings, index.documents, query.termIds, {
      fieldBoosts: this.fieldBoosts,
      b: ranking.b,
      k1: ranking.k1,
      average: this.averageFieldLength,
      titleField: this.titleField,
      titleMatch: ranking.titleMatch,
    })
    if (impacts === null) return false
    runImpactWalk(
      this,
      index,
      query,
      ranking,
      impacts,
      this.excludedDocuments(),
      pageSize,
      onMatch,
      minimumScore,
    )
    return true
  }

  /**
   * The documents an exclusion of single terms rules out: those holding an excluded term in a searched field
   * (as {@link isExcluded} decides), term after term (a document may be listed more than once).
   */
  private excludedDocuments(): Int32Array {
    const { query, index, fieldBoosts } = this
    if (query.exclusions.length === 0) return NO_DOCUMENTS
    let searched = 0
    for (let f = 0; f < fieldBoosts.length; f++) if (fieldBoosts[f] !== 0) searched |= 1 << f
    const excluded: number[] = []
    for (const alternative of query.exclusions) {
      const termId = query.exclusionTermIds[alternative.cursors[0]]
      const cursor = new PostingCursor(index.postings.postingsOf(termId), index.fieldCount)
      while (cursor.next()) if ((cursor.fieldMask & searched) !== 0) excluded.push(cursor.docId)
    }
    return Int32Array.from(excluded)
  }

  /** Postings of all query terms: what the exhaustive walk decodes. */
  private postingCount(): number {
    const docFrequency = this.index.postings.docFrequency
    let total = 0
    for (const termId of this.query.termIds) total += docFrequency[termId]
    return total
  }

  /**
   * The fields (bit mask over field indices) where each query term (by cursor: `CompiledQuery.termIds[k]`)
   * matched the current document (inside `onMatch`), from every clause alternative that matched; 0 for the
   * terms that did not. Written into `masks` (at least one entry per term), so that a caller keeping many
   * matches can reuse the arrays of those it drops.
   */
  matchedTerms(masks: Int32Array): Int32Array {
    masks.fill(0)
    const docId = this.currentDoc
    const clauses = this.query.clauses
    for (let c = 0; c < clauses.length; c++) {
      if (this.clauseScore[c] <= 0) continue
      for (const alternative of clauses[c].alternatives) {
        const mask = this.alternativeFieldMask(alternative, docId)
        if (mask === 0) continue
        for (const cursor of alternative.cursors) masks[cursor] |= mask
      }
    }
    return masks
  }

  /** Index (into the clause's alternatives) of the best alternative of clause `c` for the current document, or −1. */
  bestAlternative(clause: number): number {
    return this.clauseScore[clause] > 0 ? this.clauseBest[clause] : -1
  }

  /**
   * Into `scores` (one entry per alternative of clause `c`): the current document's `score` (as the
   * exhaustive walk passed it to `onMatch`) had the clause matched it through that alternative instead of its
   * best one: the best alternative's share swapped for the other's, under the same coordination factor (the
   * proximity and title bonuses stay those of the best); `score` itself for the best, 0 for an alternative
   * not in the document's searched fields. Cursors must be on the document: call it inside `onMatch` of
   * {@link run} without `minimumScore`.
   */
  scoresThrough(c: number, score: number, scores: Float64Array): Float64Array {
    scores.fill(0)
    const best = this.clauseBest[c]
    const bestScore = this.clauseScore[c]
    if (bestScore <= 0) return scores
    const docId = this.currentDoc
    const alternatives = this.query.clauses[c].alternatives
    const k1 = this.ranking.k1[(this.index.documents.languages[docId] >>> 2) & 3]
    const factor = this.coordinationFactor()
    for (let a = 0; a < alternatives.length; a++) {
      if (a === best) {
        scores[a] = score
        continue
      }
      const alternative = alternatives[a]
      const weightedFrequency = this.weightedFrequency(alternative, docId)
      if (weightedFrequency <= 0) continue
      const through =
        (alternative.weight * alternative.idf * weightedFrequency * (k1 + 1)) / (k1 + weightedFrequency)
      scores[a] = score - (bestScore - through) * factor
    }
    return scores
  }

  /** The coordination factor {@link scoreDocument} applied to the current document's score. */
  private coordinationFactor(): number {
    const required = this.query.requiredClauses
    let satisfiedCount = 0
    for (const c of required) satisfiedCount += this.satisfied[c]
    return coordinationFactorOf(this.ranking.coordination, satisfiedCount, required.length)
  }

  /** True when a required clause has no alternative left and no optional clause can stand in for it. */
  private someRequiredClauseCannotMatch(): boolean {
    const clauses = this.query.clauses
    return this.query.requiredClauses.some(
      (c) =>
        clauses[c].alternatives.length === 0 &&
        !clauses.some((other) => other.optional && other.alternatives.length > 0 && other.covers.includes(c)),
    )
  }

  /** True when an exclusion matches `docId`. */
  isExcluded(docId: number): boolean {
    const exclusions = this.query.exclusions
    if (exclusions.length === 0) return false
    const cursors = this.exclusionCursors
    for (const alternative of exclusions) {
      let allPresent = true
      for (const cursor of alternative.cursors) {
        if (!cursors[cursor].seek(docId) || cursors[cursor].docId !== docId) {
          allPresent = false
          break
        }
      }
      if (allPresent && this.alternativeFieldMask(alternative, docId, cursors) !== 0) return true
    }
    return false
  }

  /** Sets the field factors boost_f / norm_f(docId) that {@link weightedFrequency} uses. */
  prepareFieldFactors(docId: number): void {
    const { ranking, fieldFactor, fieldBoosts } = this
    const documents = this.index.documents
    const fieldCount = this.index.fieldCount
    for (let f = 0; f < fieldCount; f++) {
      const boost = fieldBoosts[f]
      if (boost === 0) {
        fieldFactor[f] = 0
        continue
      }
      const average = this.averageFieldLength[f]
      const b = ranking.b[f]
      const norm = average > 0 ? 1 - b + (b * documents.fieldLength(docId, f)) / average : 1
      fieldFactor[f] = boost / (norm > 0 ? norm : 1)
    }
  }

  /** Makes `docId` the document {@link matchedTerms} and {@link bestAlternative} describe. */
  setCurrentDocument(docId: number): void {
    this.currentDoc = docId
  }

  /** The score of `docId`; every cursor holding it must be on it. */
  scoreDocument(docId: number): number {
    const { query, ranking, clauseScore, clauseBest, satisfied } = this
    const documents = this.index.documents
    this.prepareFieldFactors(docId)
    // k1 of the document's counted language (bits 2–3 of its language byte, see document-table.ts).
    const k1 = ranking.k1[(documents.languages[docId] >>> 2) & 3]
    const clauses = query.clauses
    let scoreSum = 0
    let anyMatched = false
    for (let c = 0; c < clauses.length; c++) {
      let best = 0
      let bestIndex = -1
      const alternatives = clauses[c].alternatives
      for (let a = 0; a < alternatives.length; a++) {
        const alternative = alternatives[a]
        const weightedFrequency = this.weightedFrequency(alternative, docId)
        if (weightedFrequency <= 0) continue
        const score =
          (alternative.weight * alternative.idf * weightedFrequency * (k1 + 1)) / (k1 + weightedFrequency)
        if (score > best) {
          best = score
          bestIndex = a
        }
      }
      clauseScore[c] = best
      clauseBest[c] = bestIndex
      satisfied[c] = best > 0 ? 1 : 0
      if (best > 0) {
        anyMatched = true
        scoreSum += best
      }
    }
    if (!anyMatched) return 0
    if (this.titleField >= 0) scoreSum += this.titleBonus(docId, this.titleField, k1)
    for (let c = 0; c < clauses.length; c++) {
      if (clauses[c].optional && satisfied[c] === 1)
        for (const covered of clauses[c].covers) satisfied[covered] = 1
    }
    const required = query.requiredClauses
    let satisfiedCount = 0
    for (const c of required) satisfiedCount += satisfied[c]
    if (this.combineWith === 'and' && satisfiedCount < required.length) return 0
    if (ranking.proximityWeight > 0 && required.length > 1) {
      let bonus = 0
      for (let i = 0; i + 1 < required.length; i++) {
        const left = required[i]
        const right = required[i + 1]
        if (clauseScore[left] <= 0 || clauseScore[right] <= 0) continue
        const closeness = this.closeness(
          clauses[left].alternatives[clauseBest[left]],
          clauses[right].alternatives[clauseBest[right]],
          docId,
        )
        if (closeness > 0) bonus += closeness * Math.min(clauseScore[left], clauseScore[right])
      }
      if (bonus > 0 && satisfiedCount < required.length) bonus *= this.heldIdfShare(required)
      scoreSum += ranking.proximityWeight * bonus
    }
    const factor = coordinationFactorOf(ranking.coordination, satisfiedCount, required.length)
    return factor === 1 ? scoreSum : scoreSum * factor
  }

  /**
   * The title-match bonus of `docId` (scored clauses in {@link clauseBest}): the best alternatives' BM25
   * scores in the title field alone, each distinct one once, × `titleMatch`, when their occurrences there
   * cover the title's length (the query holds every word of the title), else 0.
   */
  private titleBonus(docId: number, field: number, k1: number): number {
    const length = this.index.documents.fieldLength(docId, field)
    if (length === 0) return 0
    const { clauseBest, fieldFactor, titleCounted } = this
    const clauses = this.query.clauses
    let covered = 0
    let bonus = 0
    let counted = 0
    for (let c = 0; c < clauses.length; c++) {
      if (clauseBest[c] < 0) continue
      const alternative = clauses[c].alternatives[clauseBest[c]]
      const occurrences = this.fieldOccurrences(alternative, field, docId)
      if (occurrences === 0) continue
      // Two query words of one term (`الاقتصاد … اقتصاديات`) cover its title occurrences once.
      let repeated = false
      for (let i = 0; i < counted && !repeated; i++) {
        repeated = sameTerms(clauses[titleCounted[i]].alternatives[clauseBest[titleCounted[i]]], alternative)
      }
      if (repeated) continue
      titleCounted[counted++] = c
      covered += occurrences * alternative.cursors.length
      const frequency = occurrences * fieldFactor[field]
      bonus += (alternative.weight * alternative.idf * frequency * (k1 + 1)) / (k1 + frequency)
    }
    return covered >= length ? this.ranking.titleMatch * bonus : 0
  }

  /**
   * tf̃ of `alternative` in the title field alone (the title-match bonus's, see `ranking.ts`): 0 without a
   * searched title field or when the bonus is off. Its cursors are on `docId`.
   */
  titleFrequency(alternative: CompiledAlternative, docId: number): number {
    const field = this.titleField
    if (field < 0) return 0
    return this.fieldOccurrences(alternative, field, docId) * this.fieldFactor[field]
  }

  /** Occurrences of `alternative` in field f of `docId` (a term's frequency, a phrase's occurrences). */
  private fieldOccurrences(alternative: CompiledAlternative, f: number, docId: number): number {
    const cursors = this.cursors
    const first = cursors[alternative.cursors[0]]
    if (first.docId !== docId || ((first.fieldMask >>> f) & 1) === 0) return 0
    if (alternative.cursors.length === 1) return first.termFrequency[f]
    for (let k = 1; k < alternative.cursors.length; k++) {
      const cursor = cursors[alternative.cursors[k]]
      if (cursor.docId !== docId || ((cursor.fieldMask >>> f) & 1) === 0) return 0
    }
    return this.phraseOccurrences(alternative, f, cursors, false)
  }

  /** tf̃ of BM25F: Σ_f boost_f × tf_f / norm_f over searched fields (phrase occurrences for phrases). */
  weightedFrequency(alternative: CompiledAlternative, docId: number): number {
    const cursors = this.cursors
    const fieldFactor = this.fieldFactor
    const first = cursors[alternative.cursors[0]]
    if (first.docId !== docId) return 0
    if (alternative.cursors.length === 1) {
      let sum = 0
      let mask = first.fieldMask
      for (let f = 0; mask !== 0; f++, mask >>>= 1) {
        if (mask & 1 && fieldFactor[f] > 0) sum += first.termFrequency[f] * fieldFactor[f]
      }
      return sum
    }
    let mask = first.fieldMask
    for (let k = 1; k < alternative.cursors.length; k++) {
      const cursor = cursors[alternative.cursors[k]]
      if (cursor.docId !== docId) return 0
      mask &= cursor.fieldMask
    }
    let sum = 0
    for (let f = 0; mask !== 0; f++, mask >>>= 1) {
      if (mask & 1 && fieldFactor[f] > 0)
        sum += this.phraseOccurrences(alternative, f, cursors, false) * fieldFactor[f]
    }
    return sum
  }

  /** Fields (bit mask) of searched fields where `alternative` occurs in the current document. */
  private alternativeFieldMask(
    alternative: CompiledAlternative,
    docId: number,
    cursors: PostingCursor[] = this.cursors,
  ): number {
    let mask = 0x7fffffff
    for (const index of alternative.cursors) {
      if (cursors[index].docId !== docId) return 0
      mask &= cursors[index].fieldMask
    }
    let result = 0
    for (let f = 0; mask !== 0; f++, mask >>>= 1) {
      if (!(mask & 1) || this.fieldBoosts[f] === 0) continue
      if (alternative.cursors.length === 1 || this.phraseOccurrences(alternative, f, cursors, false) > 0) {
        result |= 1 << f
      }
    }
    return result
  }

  /**
   * Occurrences of a phrase alternative in field f of the current document (all cursors on it). With
   * `collect`, their start positions are left in `this.phraseStarts`.
   */
  private phraseOccurrences(
    alternative: CompiledAlternative,
    field: number,
    cursors: PostingCursor[],
    collect: boolean,
  ): number {
    const first = cursors[alternative.cursors[0]]
    const firstStart = first.positionsStart[field]
    const firstCount = first.termFrequency[field]
    const firstPositions = first.positions
    let count = 0
    for (let i = 0; i < firstCount; i++) {
      const start = firstPositions[firstStart + i]
      let all = true
      for (let k = 1; k < alternative.cursors.length && all; k++) {
        const cursor = cursors[alternative.cursors[k]]
        all = containsPosition(
          cursor.positions,
          cursor.positionsStart[field],
          cursor.termFrequency[field],
          start + alternative.offsets[k],
        )
      }
      if (!all) continue
      if (collect) {
        if (count >= this.phraseStarts.length) this.phraseStarts = growArray(this.phraseStarts, count + 1)
        this.phraseStarts[count] = start
      }
      count++
    }
    return count
  }

  /**
   * The share of the required clauses' idf ({@link clauseIdf}) that the clauses satisfied for the current
   * document hold (1 when the query's words are in no document).
   */
  private heldIdfShare(required: readonly number[]): number {
    if (this.requiredIdf <= 0) return 1
    let held = 0
    for (const c of required) if (this.satisfied[c] === 1) held += this.clauseIdf[c]
    return held / this.requiredIdf
  }

  /** Best closeness of two matched clauses over the searched fields (see `ranking.ts`). */
  private closeness(left: CompiledAlternative, right: CompiledAlternative, docId: number): number {
    const window = this.ranking.proximityWindow
    let best = 0
    for (let f = 0; f < this.positionalFields; f++) {
      if (this.fieldFactor[f] === 0) continue
      const leftCount = this.collectSpans(left, f, docId, true)
      if (leftCount === 0) continue
      const spansA = this.spans
      const a = this.spansStart
      const rightCount = this.collectSpans(right, f, docId, false)
      if (rightCount === 0) continue
      const spansB = this.spans
      const b = this.spansStart
      const leftSpan = left.span
      const rightSpan = right.span
      let j = 0
      for (let i = 0; i < leftCount; i++) {
        const leftStart = spansA[a + i]
        const leftEnd = leftStart + leftSpan - 1
        // In order: first right occurrence starting after the left one ends.
        while (j < rightCount && spansB[b + j] <= leftEnd) j++
        if (j < rightCount) {
          const gap = spansB[b + j] - leftEnd
          if (gap <= window && 1 / gap > best) best = 1 / gap
        }
        // Reverse order: the last right occurrence ending before the left one starts.
        let k = j - 1
        while (k >= 0 && spansB[b + k] + rightSpan - 1 >= leftStart) k--
        if (k >= 0) {
          const gap = leftStart - (spansB[b + k] + rightSpan - 1)
          if (gap <= window && 0.5 / gap > best) best = 0.5 / gap
        }
      }
      if (best === 1) break
    }
    return best
  }

  /**
   * Start positions of `alternative` in field f, ascending: left in {@link spans} from {@link spansStart};
   * returns their count. A single term's are its cursor's positions, read in place; a phrase's are computed
   * into `phraseStarts`, and copied to a buffer of their own for the left side (`left`), which the right
   * side's phrase would overwrite.
   */
  private collectSpans(
    alternative: CompiledAlternative,
    field: number,
    docId: number,
    left: boolean,
  ): number {
    const cursors = this.cursors
    for (const index of alternative.cursors) {
      if (cursors[index].docId !== docId || cursors[index].termFrequency[field] === 0) return 0
    }
    if (alternative.cursors.length === 1) {
      const cursor = cursors[alternative.cursors[0]]
      this.spans = cursor.positions
      this.spansStart = cursor.positionsStart[field]
      return cursor.termFrequency[field]
    }
    const count = this.phraseOccurrences(alternative, field, cursors, true)
    if (!left) {
      this.spans = this.phraseStarts
      this.spansStart = 0
      return count
    }
    if (count > this.leftPhraseStarts.length) {
      this.leftPhraseStarts = new Uint32Array(Math.max(count, this.leftPhraseStarts.length * 2))
    }
    // A copy loop: a subarray view would be an allocation per call.
    const target = this.leftPhraseStarts
    const source = this.phraseStarts
    for (let i = 0; i < count; i++) target[i] = source[i]
    this.spans = target
    this.spansStart = 0
    return count
  }
}

/** Binary search for `position` in `positions[start, start + count)`. */
function containsPosition(positions: Uint32Array, start: number, count: number, position: number): boolean {
  let low = start
  let high = start + count
  while (low < high) {
    const middle = (low + high) >>> 1
    const value = positions[middle]
    if (value === position) return true
    if (value < position) low = middle + 1
    else high = middle
  }
  return false
}

function growArray(array: Uint32Array, minimum: number): Uint32Array {
  let size = array.length * 2
  while (size < minimum) size *= 2
  const grown = new Uint32Array(size)
  grown.set(array)
  return grown
}

/** True when two alternatives match the same terms at the same offsets. */
function sameTerms(a: CompiledAlternative, b: CompiledAlternative): boolean {
  if (a === b) return true
  if (a.cursors.length !== b.cursors.length) return false
  for (let k = 0; k < a.cursors.length; k++) {
    if (a.cursors[k] !== b.cursors[k] || a.offsets[k] !== b.offsets[k]) return false
  }
  return true
}

/** The coordination factor of a document that satisfies `satisfied` of `required` clauses (1 when all). */
function coordinationFactorOf(coordination: number, satisfied: number, required: number): number {
  if (coordination === 0 || satisfied === required) return 1
  const share = satisfied / required
  return coordination === 1 ? share : share ** coordination
}
