/**
 * The pruned walk of a top-k search by score: dynamic pruning that skips documents which provably cannot
 * enter the page, without changing what enters it. Owns the choice of candidates and the staged bounds;
 * exact scoring stays with the evaluator (`evaluate-query.ts`), bounds come from `score-bounds.ts`.
 *
 * Block-max MaxScore. The unit of pruning is a clause alternative (a term or a phrase). Doc ids are walked
 * in order, in windows in which every cursor stays inside one bound block (`posting-blocks.ts`), so each
 * unit has one upper bound of its contribution per window. In a window, units are ordered by bound; the
 * longest cheap prefix whose bounds, combined per clause (a clause scores its best alternative) and with
 * the proximity bonus they could earn together, cannot beat the threshold is "non-essential": a document
 * matching only those units cannot rank, so candidates come from the cursors of the other units alone, and
 * a window where no unit is essential is skipped whole. A clause without which even the best of the others
 * cannot beat the threshold (in AND mode, also a required clause every match has) is "needed": candidates
 * may come from its cursors instead when they hold fewer postings, and a candidate lacking another needed
 * clause is dropped at once. A candidate is then bounded by the exact generating units plus the bounds of
 * the rest, then by the rest exactly, clause by clause, and is dropped as soon as its bound falls to the
 * threshold; only then is it scored in full (proximity, positions) by the evaluator's own code.
 */

import type { InvertedIndex } from '../index/inverted-index'
import { postingBlocks } from '../index/posting-blocks'
import { NO_MORE_DOCS, type PostingCursor } from '../index/posting-cursor'
import type { CompiledAlternative, CompiledQuery } from './compile-query'
import { CursorHeap } from './cursor-heap'
import { type ResolvedRanking, titleBonusField } from './ranking'
import { blockFrequencyBounds, boundLimit, exceedsBound, k1Choices, saturationBound } from './score-bounds'

/** What the walk needs from the evaluator: its cursors and its exact scoring. */
export interface DocumentScorer {
  /** One cursor per query term (`CompiledQuery.termIds`). */
  readonly cursors: readonly PostingCursor[]
  /** One cursor per excluded term (`CompiledQuery.exclusionTermIds`). */
  readonly exclusionCursors: readonly PostingCursor[]
  /** Computes the field factors of `docId` that {@link weightedFrequency} uses. */
  prepareFieldFactors(docId: number): void
  /** tf̃ of `alternative` in `docId` (its cursors are on `docId`). */
  weightedFrequency(alternative: CompiledAlternative, docId: number): number
  /** tf̃ of `alternative` in the title field alone, for the title-match bonus (0 when there is none). */
  titleFrequency(alternative: CompiledAlternative, docId: number): number
  /** True when an exclusion matches `docId` (called with increasing doc ids). */
  isExcluded(docId: number): boolean
  /** The exact score of `docId` (every cursor holding it is on it); also the current document afterwards. */
  scoreDocument(docId: number): number
  /** Makes `docId` (just scored) the document `matchedTerms` describes. */
  setCurrentDocument(docId: number): void
}

/** Shortest window (doc ids) unless the postings end first. */
const MIN_WINDOW_DOCS = 256

/** From this many generating cursors on, a heap finds the next candidate; below, a scan. */
const HEAP_MIN_CURSORS = 6

/**
 * One pruned walk over a compiled query.
 *
 * @example
 * ```ts
 * const walk = new TopScoreWalk(evaluator, index, compiled, ranking, fieldBoosts, averageFieldLength, 'or')
 * if (walk.usable) walk.run((docId, score) => collector.add(docId, score), () => collector.minimumScore())
 * ```
 */
export class TopScoreWalk {
  /** False when a posting list did not match its skip blocks (damaged data): walk exhaustively instead. */
  readonly usable: boolean
  private readonly cursors: readonly PostingCursor[]
  private readonly k1s: number[]
  /** k1 by counted language code, and each document's language byte: a candidate's own k1. */
  private readonly k1ByLanguage: Float64Array
  private readonly languages: Uint8Array
  // Per cursor: saturated tf̃ bound and last doc id of each bound block.
  private readonly blockSaturation: Float64Array[] = []
  private readonly blockLastDoc: Int32Array[] = []
  private readonly blockCount: Int32Array
  /** Saturated tf̃ bound of each cursor in the current window (0: no posting there). */
  private readonly cursorWindowBound: Float64Array
  private readonly isLead: Uint8Array
  // Per unit (clause alternative), clause by clause.
  private readonly unitCount: number
  private readonly unitClause: Int32Array
  private readonly unitAlternative: CompiledAlternative[] = []
  /** Cursor with the fewest postings: every document matching the unit is on it. */
  private readonly unitLead: Int32Array
  /** weight × idf. */
  private readonly unitWeight: Float64Array
  /** Bound of the unit's score in the current window. */
  private readonly unitBound: Float64Array
  private readonly unitPostings: Float64Array
  private readonly unitGenerates: Uint8Array
  private readonly nextGenerates: Uint8Array
  /** Units in ascending order of {@link unitBound}. */
  private readonly order: Int32Array
  /** Each clause's units (its range of unit indices) in descending order of {@link unitBound}. */
  private readonly unitsByBound: Int32Array
  // Per clause.
  private readonly clauseCount: number
  /** Units of clause c are `firstUnit[c]` up to `firstUnit[c + 1]`. */
  private readonly firstUnit: Int32Array
  /** Current bound of each clause's score for the candidate (see {@link scoreBound}). */
  private readonly value: Float64Array
  /** Exact score of the candidate's generating units, per clause. */
  private readonly generatedValue: Float64Array
  /** Window bound of each clause's non-generating units. */
  private readonly restBound: Float64Array
  /** Clauses by descending {@link restBound}. */
  private readonly clausesByRest: Int32Array
  private readonly required: readonly number[]
  private readonly proximityWeight: number
  /** 1 for the required clauses every AND match has (no optional clause stands in for them). */
  private readonly mustMatch: Uint8Array
  /** 1 for the clauses every candidate must match under the current threshold. */
  private readonly needed: Uint8Array
  /** The needed clause whose units generate the candidates, or −1 (the essential units do). */
  private sourceClause = -1
  private split = -1
  private readonly leads: PostingCursor[] = []
  /** Units by lead cursor: those of cursor k are `leadUnits[leadUnitsStart[k]]` up to `leadUnitsStart[k + 1]`. */
  private readonly leadUnitsStart: Int32Array
  private readonly leadUnits: Int32Array
  /** Indices of the lead cursors on the candidate (see {@link leadsOn}). */
  private readonly onCandidate: Int32Array
  /** The title-match bonus can score: a unit's bound and exact value include its title part. */
  private readonly hasTitleBonus: boolean
  private readonly titleMatch: number
  private heap: CursorHeap | null = null
  private threshold = 0
  /** From this threshold on, {@link partition} may split the window's units differently (see there). */
  private repartitionAt = 0
  private windowEnd = -1

  constructor(
    private readonly scorer: DocumentScorer,
    private readonly index: InvertedIndex,
    query: CompiledQuery,
    ranking: ResolvedRanking,
    fieldBoosts: Float64Array,
    averageFieldLength: Float64Array,
    combineWith: 'or' | 'and',
  ) {
    const cursors = scorer.cursors
    this.cursors = cursors
    this.k1s = k1Choices(ranking.k1)
    this.k1ByLanguage = ranking.k1
    this.languages = index.documents.languages
    const pool = index.postings
    this.blockCount = new Int32Array(cursors.length)
    this.cursorWindowBound = new Float64Array(cursors.length)
    this.isLead = new Uint8Array(cursors.length)
    let usable = true
    // Boosts of the title field alone (the others 0), when the title-match bonus can score.
    const titleField = titleBonusField(ranking, fieldBoosts)
    let titleBoosts: Float64Array | null = null
    if (titleField >= 0) {
      titleBoosts = new Float64Array(fieldBoosts.length)
      titleBoosts[titleField] = fieldBoosts[titleField]
    }
    this.hasTitleBonus = titleBoosts !== null
    this.titleMatch = ranking.titleMatch
    for (let k = 0; k < cursors.length; k++) {
      const termId = query.termIds[k]
      const blocks = postingBlocks(pool, index.documents, termId, ranking.b)
      if (blocks.coveredBytes !== pool.postingsOf(termId).length) usable = false
      cursors[k].useBlocks(blocks)
      const bounds = blockFrequencyBounds(blocks, fieldBoosts, averageFieldLength)
      for (let block = 0; block < blocks.count; block++)
        bounds[block] = saturationBound(bounds[block], this.k1s)
      if (titleBoosts !== null) {
        // The title-match bonus as if every title were covered: the title's own saturated tf̃, weighted.
        const title = blockFrequencyBounds(blocks, titleBoosts, averageFieldLength)
        for (let block = 0; block < blocks.count; block++)
          bounds[block] += ranking.titleMatch * saturationBound(title[block], this.k1s)
      }
      this.blockSaturation.push(bounds)
      this.blockLastDoc.push(blocks.lastDoc)
      this.blockCount[k] = blocks.count
    }
    // Exclusions are checked for candidates only: their cursors skip too.
    for (let k = 0; k < scorer.exclusionCursors.length; k++) {
      const termId = query.exclusionTermIds[k]
      scorer.exclusionCursors[k].useBlocks(postingBlocks(pool, index.documents, termId, ranking.b))
    }
    this.usable = usable

    const clauses = query.clauses
    this.clauseCount = clauses.length
    this.firstUnit = new Int32Array(clauses.length + 1)
    let units = 0
    for (let c = 0; c < clauses.length; c++) {
      this.firstUnit[c] = units
      units += clauses[c].alternatives.length
    }
    this.firstUnit[clauses.length] = units
    this.unitCount = units
    this.unitClause = new Int32Array(units)
    this.unitLead = new Int32Array(units)
    this.unitWeight = new Float64Array(units)
    this.unitBound = new Float64Array(units)
    this.unitPostings = new Float64Array(units)
    this.unitGenerates = new Uint8Array(units)
    this.nextGenerates = new Uint8Array(units)
    this.order = Int32Array.from({ length: units }, (_, i) => i)
    this.unitsByBound = Int32Array.from({ length: units }, (_, i) => i)
    const postingsOf = (k: number) => pool.docFrequency[query.termIds[k]]
    let u = 0
    for (let c = 0; c < clauses.length; c++) {
      for (const alternative of clauses[c].alternatives) {
        let lead = alternative.cursors[0]
        for (const k of alternative.cursors) if (postingsOf(k) < postingsOf(lead)) lead = k
        this.unitClause[u] = c
        this.unitAlternative.push(alternative)
        this.unitLead[u] = lead
        this.unitWeight[u] = alternative.weight * alternative.idf
        this.unitPostings[u] = postingsOf(lead)
        u++
      }
    }
    this.leadUnitsStart = new Int32Array(cursors.length + 1)
    for (let v = 0; v < units; v++) this.leadUnitsStart[this.unitLead[v] + 1]++
    for (let k = 0; k < cursors.length; k++) this.leadUnitsStart[k + 1] += this.leadUnitsStart[k]
    this.leadUnits = new Int32Array(units)
    const filled = this.leadUnitsStart.slice(0, cursors.length)
    for (let v = 0; v < units; v++) this.leadUnits[filled[this.unitLead[v]]++] = v
    for (let k = 0; k < cursors.length; k++) cursors[k].tag = k
    this.onCandidate = new Int32Array(cursors.length)
    this.value = new Float64Array(clauses.length)
    this.generatedValue = new Float64Array(clauses.length)
    this.restBound = new Float64Array(clauses.length)
    this.clausesByRest = Int32Array.from({ length: clauses.length }, (_, c) => c)
    this.required = query.requiredClauses
    this.proximityWeight = this.required.length > 1 ? ranking.proximityWeight : 0
    this.mustMatch = new Uint8Array(clauses.length)
    this.needed = new Uint8Array(clauses.length)
    if (combineWith === 'and') {
      for (const c of this.required) {
        const covered = clauses.some(
          (other) => other.optional && other.alternatives.length > 0 && other.covers.includes(c),
        )
        if (!covered) this.mustMatch[c] = 1
      }
    }
  }

  /**
   * Calls `onMatch` (in doc-id order, with exact scores) for every matching live document that may score
   * above `minimumScore()`, which is read after each call and never decreases.
   */
  run(onMatch: (docId: number, score: number) => void, minimumScore: () => number): void {
    const scorer = this.scorer
    const removed = this.index.documents.removed
    const windowBlock = new Int32Array(this.cursors.length)
    for (let start = 0; this.enterWindow(start, windowBlock); start = this.windowEnd + 1) {
      if (!this.partition(start)) continue
      while (true) {
        const docId = this.nextCandidate()
        if (docId > this.windowEnd) break
        if (removed[docId] !== 1 && this.mayBeat(docId) && !scorer.isExcluded(docId)) {
          const score = scorer.scoreDocument(docId)
          if (score > 0) {
            scorer.setCurrentDocument(docId)
            onMatch(docId, score)
            const minimum = minimumScore()
            if (minimum > this.threshold) this.threshold = minimum
          }
        }
        this.advancePast(docId)
        if (this.threshold >= this.repartitionAt && !this.partition(docId + 1)) break
      }
    }
  }

  /**
   * Starts the window at `start`: it ends where the first of the cursors' blocks holding `start` ends
   * (`windowBlock` follows each cursor's block; a term with a single block only bounds it when alone). Each unit's bound there is the block bound of its first
   * term (a phrase occurs at most as often as its first term: each occurrence starts at one of its
   * positions), 0 when a term has no posting left or is known to have none in the window. False when every
   * posting list is exhausted.
   */
  private enterWindow(start: number, windowBlock: Int32Array): boolean {
    const cursors = this.cursors
    // Terms of one block (most prefix and fuzzy expansions) keep one bound until they end, so they do not
    // cut windows, unless no other term is left.
    let end = NO_MORE_DOCS
    let lastSingle = -1
    for (let k = 0; k < cursors.length; k++) {
      const lastDoc = this.blockLastDoc[k]
      const count = this.blockCount[k]
      let block = windowBlock[k]
      while (block < count && lastDoc[block] < start) block++
      windowBlock[k] = block
      if (block >= count) continue
      if (count === 1) lastSingle = Math.max(lastSingle, lastDoc[0])
      else if (lastDoc[block] < end) end = lastDoc[block]
    }
    if (end === NO_MORE_DOCS) {
      if (lastSingle < 0) return false
      end = lastSingle
    }
    // Not too short a window: each costs a partition. A term then may span several blocks of it.
    if (end < start + MIN_WINDOW_DOCS - 1) end = start + MIN_WINDOW_DOCS - 1
    this.windowEnd = end
    const windowBound = this.cursorWindowBound
    for (let k = 0; k < cursors.length; k++) {
      const lastDoc = this.blockLastDoc[k]
      const saturation = this.blockSaturation[k]
      let bound = 0
      for (let block = windowBlock[k]; block < this.blockCount[k]; block++) {
        bound = Math.max(bound, saturation[block])
        if (lastDoc[block] >= end) break
      }
      windowBound[k] = cursors[k].holdsNoneIn(start, end) ? 0 : bound
    }
    for (let u = 0; u < this.unitCount; u++) {
      const alternative = this.unitAlternative[u]
      let bound = this.unitWeight[u] * windowBound[alternative.cursors[0]]
      for (const k of alternative.cursors) if (windowBound[k] === 0) bound = 0
      this.unitBound[u] = bound
    }
    // Insertion sorts: few units, and neighbouring windows often keep their order.
    const { order, unitBound, unitsByBound } = this
    for (let c = 0; c < this.clauseCount; c++) {
      for (let i = this.firstUnit[c] + 1; i < this.firstUnit[c + 1]; i++) {
        const unit = unitsByBound[i]
        let j = i - 1
        while (j >= this.firstUnit[c] && unitBound[unitsByBound[j]] < unitBound[unit]) {
          unitsByBound[j + 1] = unitsByBound[j]
          j--
        }
        unitsByBound[j + 1] = unit
      }
    }
    for (let i = 1; i < order.length; i++) {
      const unit = order[i]
      let j = i - 1
      while (j >= 0 && unitBound[order[j]] > unitBound[unit]) {
        order[j + 1] = order[j]
        j--
      }
      order[j + 1] = unit
    }
    this.split = -1
    return true
  }

  private nextCandidate(): number {
    if (this.heap !== null) return this.heap.minimumDocId()
    let docId = NO_MORE_DOCS
    for (const cursor of this.leads) if (cursor.docId < docId) docId = cursor.docId
    return docId
  }

  private advancePast(docId: number): void {
    if (this.heap !== null) this.heap.advancePast(docId)
    else for (const cursor of this.leads) if (cursor.docId === docId) cursor.next()
  }

  /**
   * Splits the window's units for the current threshold and puts the generating cursors on `from` or
   * after; false when no document of the window can beat the threshold.
   */
  private partition(from: number): boolean {
    const { order, unitClause, unitBound, value, needed } = this
    value.fill(0)
    let split = 0
    for (; split < this.unitCount; split++) {
      const u = order[split]
      if (unitBound[u] > value[unitClause[u]]) value[unitClause[u]] = unitBound[u]
      if (this.boundExceedsThreshold()) break
    }
    if (split === this.unitCount) return false
    // The split and the needed clauses only change (the split moves up, clauses become needed) once the
    // threshold reaches the limit of a bound computed here: until then the run does not call this again.
    let repartitionAt = boundLimit(this.boundSum())
    // Clauses every candidate needs: without one (its best unit), even the best of the others cannot reach
    // the threshold. In AND mode, also those every match has.
    for (let i = split + 1; i < this.unitCount; i++) {
      const u = order[i]
      if (unitBound[u] > value[unitClause[u]]) value[unitClause[u]] = unitBound[u]
    }
    let neededChanged = false
    for (let c = 0; c < this.clauseCount; c++) {
      const bound = value[c]
      value[c] = 0
      let isNeeded = this.mustMatch[c] === 1
      if (!isNeeded && bound > 0) {
        const without = this.boundSum()
        isNeeded = !exceedsBound(without, this.threshold)
        if (!isNeeded) repartitionAt = Math.min(repartitionAt, boundLimit(without))
      }
      value[c] = bound
      if ((needed[c] === 1) !== isNeeded) {
        needed[c] = isNeeded ? 1 : 0
        neededChanged = true
      }
    }
    this.repartitionAt = repartitionAt
    if (split === this.split && !neededChanged) return true
    this.split = split
    const generates = this.nextGenerates
    generates.fill(0)
    // Candidates come from the essential units, or from the needed clause with the fewest postings.
    let fewest = 0
    for (let i = split; i < this.unitCount; i++) fewest += this.unitPostings[order[i]]
    let source = -1
    for (let c = 0; c < this.clauseCount; c++) {
      if (needed[c] === 0) continue
      let postings = 0
      for (let u = this.firstUnit[c]; u < this.firstUnit[c + 1]; u++) {
        if (unitBound[u] > 0) postings += this.unitPostings[u]
      }
      if (postings <= fewest) {
        fewest = postings
        source = c
      }
    }
    this.sourceClause = source
    if (source >= 0) {
      for (let u = this.firstUnit[source]; u < this.firstUnit[source + 1]; u++) generates[u] = 1
    } else {
      for (let i = split; i < this.unitCount; i++) generates[order[i]] = 1
    }
    const restBound = this.restBound
    restBound.fill(0)
    for (let u = 0; u < this.unitCount; u++) {
      if (generates[u] === 0 && unitBound[u] > restBound[unitClause[u]])
        restBound[unitClause[u]] = unitBound[u]
    }
    // The same generating units as before (often, window after window) keep their cursors, moved up to
    // `from` if a skipped window left them behind.
    let same = this.leads.length > 0
    for (let u = 0; same && u < this.unitCount; u++) same = generates[u] === this.unitGenerates[u]
    if (same) {
      let moved = false
      for (const cursor of this.leads) {
        if (cursor.docId < from) {
          cursor.seek(from)
          moved = true
        }
      }
      if (moved && this.heap !== null) this.heap = new CursorHeap(this.leads, true)
    } else {
      this.unitGenerates.set(generates)
      const { leads, isLead, cursors } = this
      leads.length = 0
      isLead.fill(0)
      for (let u = 0; u < this.unitCount; u++) {
        if (generates[u] === 0) continue
        const lead = this.unitLead[u]
        if (isLead[lead] === 1) continue
        isLead[lead] = 1
        cursors[lead].seek(from)
        leads.push(cursors[lead])
      }
      this.heap = leads.length >= HEAP_MIN_CURSORS ? new CursorHeap(leads, true) : null
    }
    const clausesByRest = this.clausesByRest
    for (let i = 1; i < clausesByRest.length; i++) {
      const clause = clausesByRest[i]
      let j = i - 1
      while (j >= 0 && restBound[clausesByRest[j]] < restBound[clause]) {
        clausesByRest[j + 1] = clausesByRest[j]
        j--
      }
      clausesByRest[j + 1] = clause
    }
    return true
  }

  /**
   * True when the bound of the candidate's score may exceed the threshold, clause c scoring at most
   * `value[c]`: their sum plus the proximity bonus with the largest closeness (1) for every adjacent pair of
   * required clauses. The coordination factor is at most 1. (A boolean, not the bound: a double returned
   * from a call that is not inlined is a heap allocation, and this runs for every candidate.)
   */
  private boundExceedsThreshold(): boolean {
    return exceedsBound(this.boundSum(), this.threshold)
  }

  /** The bound that {@link boundExceedsThreshold} compares with the threshold. */
  private boundSum(): number {
    const { value, required } = this
    let sum = 0
    for (let c = 0; c < this.clauseCount; c++) sum += value[c]
    if (this.proximityWeight > 0) {
      let bonus = 0
      for (let i = 0; i + 1 < required.length; i++) {
        bonus += Math.min(value[required[i]], value[required[i + 1]])
      }
      sum += this.proximityWeight * bonus
    }
    return sum
  }

  /** False when `docId` provably cannot score above the threshold; else puts every cursor holding it on it. */
  private mayBeat(docId: number): boolean {
    const { value, generatedValue, restBound, unitGenerates, firstUnit, needed } = this
    for (let c = 0; c < this.clauseCount; c++) {
      if (needed[c] === 1 && c !== this.sourceClause && !this.mayMatch(c, docId)) return false
    }
    this.scorer.prepareFieldFactors(docId)
    // The candidate's own k1 (bits 2–3 of its language byte, as the evaluator scores it): exact unit scores.
    const k1 = this.k1ByLanguage[(this.languages[docId] >>> 2) & 3]
    // The generating units whose lead is on the candidate, found from those leads (a clause of many
    // expansions has one or two of them there): a unit is scored unless its bound cannot raise its clause's.
    const { unitBound, unitClause, leadUnits, leadUnitsStart, onCandidate } = this
    // A loop, not fill(): a builtin call costs more than zeroing a few clauses.
    for (let c = 0; c < this.clauseCount; c++) generatedValue[c] = 0
    const onCount = this.leadsOn(docId)
    for (let i = 0; i < onCount; i++) {
      const k = onCandidate[i]
      for (let j = leadUnitsStart[k]; j < leadUnitsStart[k + 1]; j++) {
        const u = leadUnits[j]
        const c = unitClause[u]
        if (unitGenerates[u] === 0 || unitBound[u] <= generatedValue[c]) continue
        const exact = this.exactUnit(u, docId, k1)
        if (exact > generatedValue[c]) generatedValue[c] = exact
      }
    }
    for (let c = 0; c < this.clauseCount; c++) value[c] = Math.max(generatedValue[c], restBound[c])
    if (!this.boundExceedsThreshold()) return false
    const { clausesByRest, unitsByBound } = this
    for (let i = 0; i < this.clauseCount; i++) {
      const c = clausesByRest[i]
      if (value[c] <= generatedValue[c]) continue
      let exact = generatedValue[c]
      for (let j = firstUnit[c]; j < firstUnit[c + 1]; j++) {
        const u = unitsByBound[j]
        if (unitBound[u] <= exact) break
        if (unitGenerates[u] === 0) exact = Math.max(exact, this.exactUnit(u, docId, k1))
      }
      value[c] = exact
      if (!this.boundExceedsThreshold()) return false
    }
    // Every cursor that may hold the candidate is put on it; the others hold no posting in the window.
    const { cursors, cursorWindowBound } = this
    for (let k = 0; k < cursors.length; k++) if (cursorWindowBound[k] > 0) cursors[k].seek(docId)
    return true
  }

  /** Writes the indices of the lead cursors on `docId` (the candidate) into {@link onCandidate}; returns how many. */
  private leadsOn(docId: number): number {
    if (this.heap !== null) return this.heap.tagsAtMinimum(this.onCandidate)
    let count = 0
    const leads = this.leads
    for (let i = 0; i < leads.length; i++)
      if (leads[i].docId === docId) this.onCandidate[count++] = leads[i].tag
    return count
  }

  /** False when no unit of clause c that can score in this window has its lead on `docId`. */
  private mayMatch(c: number, docId: number): boolean {
    for (let i = this.firstUnit[c]; i < this.firstUnit[c + 1]; i++) {
      const u = this.unitsByBound[i]
      if (this.unitBound[u] === 0) break
      const lead = this.cursors[this.unitLead[u]]
      lead.seek(docId)
      if (lead.docId === docId) return true
    }
    return false
  }

  /**
   * Unit u's score in `docId`, scored with `k1` (its cursors are moved to `docId`), with its part of the
   * title-match bonus as if the title were covered (so a bound of what the unit adds).
   */
  private exactUnit(u: number, docId: number, k1: number): number {
    if (this.unitBound[u] === 0) return 0
    const cursors = this.cursors
    const lead = cursors[this.unitLead[u]]
    lead.seek(docId)
    if (lead.docId !== docId) return 0
    const alternative = this.unitAlternative[u]
    for (const k of alternative.cursors) {
      const cursor = cursors[k]
      cursor.seek(docId)
      if (cursor.docId !== docId) return 0
    }
    const frequency = this.scorer.weightedFrequency(alternative, docId)
    if (!(frequency > 0)) return 0
    const weight = this.unitWeight[u]
    const score = (weight * frequency * (k1 + 1)) / (k1 + frequency)
    if (!this.hasTitleBonus) return score
    // The title-match bonus as if the title were covered: a bound of what the unit adds with it.
    const title = this.scorer.titleFrequency(alternative, docId)
    return title > 0 ? score + (this.titleMatch * weight * title * (k1 + 1)) / (k1 + title) : score
  }
}
