/**
 * The inverted index proper: term dictionary + posting pool + document table, kept consistent with each
 * other. Owns turning analysed tokens into postings, removal marks, compaction (renumbering live
 * documents and dropping dead terms) and appending another index (used to commit `addAllAsync`).
 * It never sees raw documents or analysis options; `search-index.ts` does that.
 */

import { currentTermKeyEpoch, type TermBuffer, termOfKey } from '../analysis/analyzer'
import { countedLanguageOf, type DocumentId, DocumentTable, type LanguageCode } from './document-table'
import { PostingCursor } from './posting-cursor'
import { PostingLog, PostingPool } from './posting-pool'
import type { IndexParts } from './segment-merge'
import { TermDictionary } from './term-dictionary'
import { writeVarint } from './varint'

/**
 * True when a batch of `addedDocuments` that leaves the index with `documentsAfter` documents is large
 * enough to pack the index afterwards (see {@link InvertedIndex.trimAfterBatch}): at least a quarter of
 * them, so that the pass over the whole index costs at most a few times the batch's own work. A build
 * (the first batch of an index) always is.
 */
export function packsAfterBatch(addedDocuments: number, documentsAfter: number): boolean {
  return addedDocuments * 4 >= documentsAfter
}

/** Initial size of the per-document scratch tables (they grow by doubling). */
const SCRATCH_SLOTS = 1024

/** What the index needs of a token: its term and word position. */
export interface IndexableToken {
  term: string
  position: number
}

/**
 * Terms, postings and documents of one index.
 *
 * @example
 * ```ts
 * const index = new InvertedIndex(2, 1)
 * index.addDocument('a1', [[{ term: 'غزه', position: 0 }], []], languageCode('fa', 'fa'), ['title'])
 * index.dictionary.idOf('غزه') // → 0
 * ```
 */
export class InvertedIndex {
  dictionary: TermDictionary
  postings: PostingPool
  documents: DocumentTable
  /** Live documents per counted language (0 none, 1 Persian, 2 Arabic; see {@link LanguageCode}). */
  readonly languageDocCounts = new Uint32Array(3)
  // Per-document scratch: term id → slot, and a linked list of (field, position) entries per slot with
  // the slot's field mask and entry count. A document has at most as many slots as entries, so the slot
  // columns grow with the entry columns.
  // They grow by doubling (starting at 256 made a build run 0.26 % more instructions: slotOfTerm grows with
  // the vocabulary).
  private slotOfTerm = new Int32Array(SCRATCH_SLOTS).fill(-1)
  private slotCount = 0
  private slotTerms = new Int32Array(SCRATCH_SLOTS)
  private slotHead = new Int32Array(SCRATCH_SLOTS)
  private slotTail = new Int32Array(SCRATCH_SLOTS)
  private slotMask = new Int32Array(SCRATCH_SLOTS)
  private slotSize = new Int32Array(SCRATCH_SLOTS)
  private entryField = new Uint32Array(SCRATCH_SLOTS)
  private entryPosition = new Uint32Array(SCRATCH_SLOTS)
  private entryNext = new Int32Array(SCRATCH_SLOTS)
  private entryCount = 0
  // Term id of each analysis term key (−1 = not looked up yet), valid for the key epoch `keyEpoch`: a
  // term seen before costs one array read instead of a string lookup.
  private termIdOfKey = new Int32Array(SCRATCH_SLOTS).fill(-1)
  private keyEpoch = -1
  private encoded = new Uint8Array(256)
  private termUnits = new Uint16Array(64)
  /** Postings of the batch under way in document order (see {@link startBatch}), or null. */
  private log: PostingLog | null = null
  private readonly fieldTermCounts: Uint32Array
  /** Lead terms of the document being added, kept by {@link addLeadTerms} until {@link addLeadField}. */
  private leadTermIds = new Int32Array(64)
  private leadPositions = new Int32Array(64)
  private leadCount = 0
  private readonly fieldCounts: Uint32Array

  constructor(
    readonly fieldCount: number,
    readonly storedFieldCount: number,
    parts?: { dictionary: TermDictionary; postings: PostingPool; documents: DocumentTable },
  ) {
    this.dictionary = parts?.dictionary ?? new TermDictionary()
    // A small pool (16 KB): a batch replaces it (startBatch), and add() grows it.
    this.postings = parts?.postings ?? new PostingPool(1 << 14)
    this.documents = parts?.documents ?? new DocumentTable(fieldCount, storedFieldCount)
    this.fieldTermCounts = new Uint32Array(fieldCount)
    this.fieldCounts = new Uint32Array(fieldCount)
    if (parts) this.recountLanguages()
  }

  /**
   * Indexes one document whose fields are already analysed (`fieldTokens[f]` = tokens of field f, in
   * position order) and returns its internal id. The caller checked that `externalId` is new.
   */
  addDocument(
    externalId: DocumentId,
    fieldTokens: readonly (readonly IndexableToken[])[],
    language: LanguageCode,
    stored: readonly unknown[],
  ): number {
    this.startDocument()
    for (let f = 0; f < this.fieldCount; f++) {
      for (const token of fieldTokens[f]) this.addToken(f, token.term, token.position)
    }
    return this.finishDocument(externalId, language, stored)
  }

  /** Starts a new document: follow with {@link addToken} calls and one {@link finishDocument}. */
  startDocument(): void {
    // Normally already clean; resets state left by a document that was never finished.
    for (let slot = 0; slot < this.slotCount; slot++) this.slotOfTerm[this.slotTerms[slot]] = -1
    this.slotCount = 0
    this.fieldTermCounts.fill(0)
    this.entryCount = 0
    this.leadCount = 0
  }

  /** Adds one token of field `field` of the document being added (positions ascending per field). */
  addToken(field: number, term: string, position: number): void {
    this.addTermId(field, this.dictionary.intern(term), position)
    this.fieldTermCounts[field]++
  }

  /**
   * Starts a batch on an empty index: the postings of the documents added until {@link finishBatch} are
   * kept in document order and packed into the posting pool at the end (faster than appending each one
   * to its term's region). The index must not be read before {@link finishBatch}. Does nothing when the
   * index is not empty.
   */
  startBatch(expectedBytes?: number): void {
    if (this.documents.count === 0 && this.postings.termCount === 0) this.log = new PostingLog(expectedBytes)
  }

  /** Ends the batch begun by {@link startBatch}: the postings go into the posting pool. */
  finishBatch(): void {
    if (this.log === null) return
    this.postings = this.log.toPool(this.dictionary.size)
    this.log = null
  }

  /**
   * Adds the analysed terms of field `field` of the document being added (`terms` as filled by
   * `analyzeInto`; positions ascending).
   */
  addTerms(field: number, terms: TermBuffer): void {
    if (this.keyEpoch !== currentTermKeyEpoch()) {
      this.termIdOfKey.fill(-1)
      this.keyEpoch = currentTermKeyEpoch()
    }
    const keys = terms.key
    const positions = terms.position
    const count = terms.count
    let termIdOfKey = this.termIdOfKey
    for (let i = 0; i < count; i++) {
      const key = keys[i]
      if (key >= termIdOfKey.length) termIdOfKey = this.growKeyMap(key + 1)
      let termId = termIdOfKey[key]
      if (termId < 0) {
        termId = this.internTerm(termOfKey(key))
        termIdOfKey[key] = termId
      }
      this.addTermId(field, termId, positions[i])
    }
    this.fieldTermCounts[field] += count
  }

  /**
   * Keeps the terms of `terms` (as just given to {@link addTerms} for another field) whose word position is
   * below `limit`, at their position plus `base`, for {@link addLeadField}: the hidden lead field that
   * repeats the first words of each field (see `SearchIndexOptions.leadWords`). `base` keeps the fields'
   * leads apart, so that no phrase runs from one into the next; it must grow from call to call.
   */
  addLeadTerms(terms: TermBuffer, limit: number, base: number): void {
    const keys = terms.key
    const positions = terms.position
    const count = terms.count
    const termIdOfKey = this.termIdOfKey
    let n = this.leadCount
    // Positions ascend: the lead ends at the first term past it. Every key was mapped by addTerms.
    for (let i = 0; i < count && positions[i] < limit; i++) {
      if (n === this.leadTermIds.length) {
        const termIds = new Int32Array(n * 2)
        termIds.set(this.leadTermIds)
        this.leadTermIds = termIds
        const grown = new Int32Array(n * 2)
        grown.set(this.leadPositions)
        this.leadPositions = grown
      }
      this.leadTermIds[n] = termIdOfKey[keys[i]]
      this.leadPositions[n] = base + positions[i]
      n++
    }
    this.leadCount = n
  }

  /**
   * Adds the terms kept by {@link addLeadTerms} as field `field` (after every other field of the document:
   * a term's entries go field after field).
   */
  addLeadField(field: number): void {
    const count = this.leadCount
    for (let i = 0; i < count; i++) this.addTermId(field, this.leadTermIds[i], this.leadPositions[i])
    this.fieldTermCounts[field] += count
    this.leadCount = 0
  }

  /**
   * The term id of `term`, interned by its code units: the dictionary then keeps no string for it (it
   * makes one if a query needs it), which is most of a term's memory.
   */
  private internTerm(term: string): number {
    let units = this.termUnits
    if (term.length > units.length) {
      units = new Uint16Array(term.length * 2)
      this.termUnits = units
    }
    for (let k = 0; k < term.length; k++) units[k] = term.charCodeAt(k)
    return this.dictionary.internCodeUnits(units, 0, term.length)
  }

  private addTermId(field: number, termId: number, position: number): void {
    if (termId >= this.slotOfTerm.length) this.growSlotTable(termId + 1)
    const entry = this.entryCount
    if (entry >= this.entryNext.length) this.growEntries()
    this.entryField[entry] = field
    this.entryPosition[entry] = position
    this.entryNext[entry] = -1
    let slot = this.slotOfTerm[termId]
    if (slot < 0) {
      slot = this.slotCount++
      this.slotOfTerm[termId] = slot
      this.slotTerms[slot] = termId
      this.slotHead[slot] = entry
      this.slotTail[slot] = entry
      this.slotMask[slot] = 1 << field
      this.slotSize[slot] = 1
    } else {
      this.entryNext[this.slotTail[slot]] = entry
      this.slotTail[slot] = entry
      this.slotMask[slot] |= 1 << field
      this.slotSize[slot]++
    }
    this.entryCount = entry + 1
  }

  private growKeyMap(minimum: number): Int32Array<ArrayBuffer> {
    let size = this.termIdOfKey.length * 2
    while (size < minimum) size *= 2
    const grown = new Int32Array(size).fill(-1)
    grown.set(this.termIdOfKey)
    this.termIdOfKey = grown
    return grown
  }

  /** Writes the postings of the document being added and returns its internal id. */
  finishDocument(externalId: DocumentId, language: LanguageCode, stored: readonly unknown[]): number {
    const docId = this.documents.add(externalId, this.fieldTermCounts, language, stored)
    const slotCount = this.slotCount
    const slotTerms = this.slotTerms
    const slotOfTerm = this.slotOfTerm
    // Room for every posting of the document: a field mask, then per field a frequency, then positions.
    const bound = slotCount * 5 * (1 + this.fieldCount) + this.entryCount * 5
    const log = this.log
    if (log !== null) {
      const bytes = log.reserve(bound)
      let offset = log.usedBytes
      for (let slot = 0; slot < slotCount; slot++) {
        const termId = slotTerms[slot]
        offset = this.encodeSlot(slot, bytes, offset)
        log.push(termId, docId, offset)
        slotOfTerm[termId] = -1
      }
    } else {
      this.postings.ensureTerms(this.dictionary.size)
      if (this.encoded.length < bound) this.encoded = new Uint8Array(Math.max(bound, this.encoded.length * 2))
      const encoded = this.encoded
      for (let slot = 0; slot < slotCount; slot++) {
        const termId = slotTerms[slot]
        const length = this.encodeSlot(slot, encoded, 0)
        this.postings.appendPosting(termId, docId, encoded, length)
        slotOfTerm[termId] = -1
      }
    }
    this.slotCount = 0
    this.entryCount = 0
    this.languageDocCounts[countedLanguageOf(language)]++
    return docId
  }

  /**
   * Gives back memory held only for adding documents, after a batch of `addedDocuments` additions: shrinks
   * the per-document scratch tables (which grow with the vocabulary) and, when the batch is at least a
   * quarter of the index ({@link packsAfterBatch}), packs the postings and trims the growable columns to
   * their contents. Packing and trimming are passes over the whole index, and the next batch grows back
   * what they cut (every term it touches moves its postings to a region with room), so doing them after
   * each small batch made a feed of small batches quadratic: 1.2 MB/s for batches of one document into
   * an index of 2,000 news articles, 7 MB/s for batches of ten. A small batch keeps the room instead, as
   * {@link add} does; the index is packed again by a large batch, `compact`, or a save and load.
   */
  trimAfterBatch(addedDocuments: number): void {
    this.finishBatch()
    if (packsAfterBatch(addedDocuments, this.documents.count)) {
      this.postings.trim()
      this.documents.trim()
      this.dictionary.trim()
    }
    // The scratch tables are replaced only when they grew (the common case after a feed's batch: they did not).
    if (this.slotOfTerm.length > SCRATCH_SLOTS) this.slotOfTerm = new Int32Array(SCRATCH_SLOTS).fill(-1)
    this.slotCount = 0
    if (this.slotTerms.length > SCRATCH_SLOTS) {
      this.slotTerms = new Int32Array(SCRATCH_SLOTS)
      this.slotHead = new Int32Array(SCRATCH_SLOTS)
      this.slotTail = new Int32Array(SCRATCH_SLOTS)
      this.slotMask = new Int32Array(SCRATCH_SLOTS)
      this.slotSize = new Int32Array(SCRATCH_SLOTS)
    }
    if (this.entryNext.length > SCRATCH_SLOTS) {
      this.entryField = new Uint32Array(SCRATCH_SLOTS)
      this.entryPosition = new Uint32Array(SCRATCH_SLOTS)
      this.entryNext = new Int32Array(SCRATCH_SLOTS)
    }
    this.entryCount = 0
    if (this.termIdOfKey.length > SCRATCH_SLOTS) this.termIdOfKey = new Int32Array(SCRATCH_SLOTS)
    this.keyEpoch = -1 // the next addTerms clears the key map
    if (this.encoded.length > 256) this.encoded = new Uint8Array(256)
  }

  /** Marks a live document removed; its postings stay until {@link compacted}. */
  removeDocument(docId: number): void {
    if (this.documents.isRemoved(docId)) return
    this.languageDocCounts[countedLanguageOf(this.documents.languages[docId])]--
    this.documents.remove(docId)
  }

  /** Share of internal ids that belong to removed documents. */
  get removedShare(): number {
    const count = this.documents.count
    return count === 0 ? 0 : (count - this.documents.liveCount) / count
  }

  /**
   * Appends every document of `other` (an index with the same fields and no removed documents) after
   * this index's documents, copying posting bytes instead of re-encoding them.
   */
  appendIndex(other: InvertedIndex): void {
    const docIdOffset = this.documents.count
    const source = other.documents
    const lengths = new Uint32Array(this.fieldCount)
    const stored: unknown[] = new Array(this.storedFieldCount)
    for (let docId = 0; docId < source.count; docId++) {
      for (let f = 0; f < this.fieldCount; f++) lengths[f] = source.fieldLength(docId, f)
      for (let s = 0; s < this.storedFieldCount; s++) stored[s] = source.storedValues[s][docId]
      const language = source.languages[docId]
      this.documents.add(source.externalIds[docId], lengths, language, stored)
      this.languageDocCounts[countedLanguageOf(language)]++
    }
    const otherUnits = other.dictionary.codeUnits
    const otherBounds = other.dictionary.termBounds
    for (let otherTermId = 0; otherTermId < other.dictionary.size; otherTermId++) {
      const frequency = other.postings.docFrequency[otherTermId]
      if (frequency === 0) continue
      const bytes = other.postings.postingsOf(otherTermId)
      let firstGap = 0
      let shift = 0
      let offset = 0
      let byte: number
      do {
        byte = bytes[offset++]
        firstGap += (byte & 0x7f) * 2 ** shift
        shift += 7
      } while (byte & 0x80)
      const termId = this.dictionary.internCodeUnits(
        otherUnits,
        otherBounds[otherTermId],
        otherBounds[otherTermId + 1],
      )
      this.postings.ensureTerms(this.dictionary.size)
      this.postings.appendRaw(
        termId,
        bytes,
        offset,
        firstGap - 1,
        other.postings.lastDocId[otherTermId],
        docIdOffset,
        frequency,
      )
    }
  }

  /** A copy without removed documents (renumbered densely, same order) and without terms left empty. */
  compacted(): InvertedIndex {
    const compaction = new IndexCompaction(this)
    compaction.run(Number.POSITIVE_INFINITY)
    return compaction.result()
  }

  /** Approximate bytes held by typed arrays (postings, field lengths, flags). */
  get retainedBytes(): number {
    return this.postings.retainedBytes + this.documents.retainedBytes
  }

  /** A copy of this index as `IndexParts` (postings packed; this index is not changed). */
  toParts(): IndexParts {
    const pool = this.postings
    const termCount = this.dictionary.size
    const postingLength = new Uint32Array(termCount)
    let total = 0
    for (let termId = 0; termId < termCount; termId++) {
      const length = termId < pool.termCount ? pool.regionLength[termId] : 0
      postingLength[termId] = length
      total += length
    }
    const postings = packedPostings(pool, postingLength, total)
    const documents = this.documents
    const count = documents.count
    const lastDocId = new Int32Array(termCount).fill(-1)
    lastDocId.set(pool.lastDocId.subarray(0, Math.min(termCount, pool.termCount)))
    const docFrequency = new Uint32Array(termCount)
    docFrequency.set(pool.docFrequency.subarray(0, Math.min(termCount, pool.termCount)))
    return {
      termUnits: this.dictionary.codeUnits.slice(),
      termBounds: this.dictionary.termBounds.slice(),
      docFrequency,
      lastDocId,
      postingLength,
      postings,
      externalIds: documents.externalIds.slice(0, count),
      fieldLengths: documents.fieldLengths.slice(0, count * this.fieldCount),
      languages: documents.languages.slice(0, count),
      removed: documents.removed.slice(0, count),
      storedValues: documents.storedValues.map((column) => column.slice(0, count)),
    }
  }

  /** Recomputes {@link languageDocCounts} from the document table (after load or compaction). */
  recountLanguages(): void {
    this.languageDocCounts.fill(0)
    const documents = this.documents
    for (let docId = 0; docId < documents.count; docId++) {
      if (!documents.isRemoved(docId)) this.languageDocCounts[countedLanguageOf(documents.languages[docId])]++
    }
  }

  /**
   * Encodes the field mask, frequencies and positions of one slot's entries at `bytes[offset]` (the caller
   * made room) and returns the offset just past them.
   */
  private encodeSlot(slot: number, bytes: Uint8Array, offset: number): number {
    const head = this.slotHead[slot]
    const mask = this.slotMask[slot]
    const entryNext = this.entryNext
    const entryPosition = this.entryPosition
    offset = writeVarint(bytes, offset, mask >>> 0)
    if ((mask & (mask - 1)) === 0) {
      // One field (the common case): its frequency is the slot's size.
      offset = writeVarint(bytes, offset, this.slotSize[slot])
      let previousPosition = 0
      for (let e = head; e >= 0; e = entryNext[e]) {
        const position = entryPosition[e]
        // Positions arrive ascending; a token at an earlier position than its predecessor is kept at gap 0.
        const gap = position >= previousPosition ? position - previousPosition : 0
        offset = writeVarint(bytes, offset, gap)
        previousPosition += gap
      }
      return offset
    }
    const entryField = this.entryField
    const fieldCounts = this.fieldCounts
    for (let f = 0; f < fieldCounts.length; f++) fieldCounts[f] = 0
    for (let e = head; e >= 0; e = entryNext[e]) fieldCounts[entryField[e]]++
    let currentField = -1
    let previousPosition = 0
    for (let e = head; e >= 0; e = entryNext[e]) {
      const field = entryField[e]
      if (field !== currentField) {
        currentField = field
        previousPosition = 0
        offset = writeVarint(bytes, offset, fieldCounts[field])
      }
      const position = entryPosition[e]
      const gap = position >= previousPosition ? position - previousPosition : 0
      offset = writeVarint(bytes, offset, gap)
      previousPosition += gap
    }
    return offset
  }

  private growSlotTable(minimum: number): void {
    let size = this.slotOfTerm.length * 2
    while (size < minimum) size *= 2
    const grown = new Int32Array(size).fill(-1)
    grown.set(this.slotOfTerm)
    this.slotOfTerm = grown
  }

  private growEntries(): void {
    const size = this.entryNext.length * 2
    const field = new Uint32Array(size)
    field.set(this.entryField)
    this.entryField = field
    const position = new Uint32Array(size)
    position.set(this.entryPosition)
    this.entryPosition = position
    const next = new Int32Array(size)
    next.set(this.entryNext)
    this.entryNext = next
    const terms = new Int32Array(size)
    terms.set(this.slotTerms)
    this.slotTerms = terms
    const head = new Int32Array(size)
    head.set(this.slotHead)
    this.slotHead = head
    const tail = new Int32Array(size)
    tail.set(this.slotTail)
    this.slotTail = tail
    const mask = new Int32Array(size)
    mask.set(this.slotMask)
    this.slotMask = mask
    const slotSize = new Int32Array(size)
    slotSize.set(this.slotSize)
    this.slotSize = slotSize
  }
}

/**
 * The posting bytes of every term, one term after another: one copy when the pool's regions already lie
 * that way (as after a batch of additions), else a copy per term.
 */
function packedPostings(pool: PostingPool, postingLength: Uint32Array, total: number): Uint8Array {
  const start = pool.regionStart
  let packed = true
  let offset = 0
  for (let termId = 0; termId < postingLength.length && packed; termId++) {
    if (postingLength[termId] > 0 && start[termId] !== offset) packed = false
    offset += postingLength[termId]
  }
  if (packed) return pool.bytes.slice(0, total)
  const postings = new Uint8Array(total)
  offset = 0
  for (let termId = 0; termId < postingLength.length; termId++) {
    postings.set(pool.postingsOf(termId), offset)
    offset += postingLength[termId]
  }
  return postings
}

/**
 * Compaction of an index done in steps (so an async caller can yield between them): renumbers live
 * documents and rewrites every posting list without removed documents into a new pool.
 *
 * @example
 * ```ts
 * const compaction = new IndexCompaction(index)
 * while (!compaction.run(5_000)) await yieldToEventLoop()
 * const compactIndex = compaction.result()
 * ```
 */
export class IndexCompaction {
  private readonly newDocIds: Int32Array
  private readonly documents: DocumentTable
  private readonly terms: string[] = []
  private readonly postings: PostingPool
  private nextTermId = 0
  private encoded = new Uint8Array(256)

  constructor(private readonly source: InvertedIndex) {
    const { table, newDocIds } = source.documents.compacted()
    this.documents = table
    this.newDocIds = newDocIds
    const liveShare = source.documents.count === 0 ? 1 : table.count / source.documents.count
    const estimate = Math.ceil((source.postings.usedBytes - source.postings.garbageBytes) * liveShare) + 1024
    this.postings = new PostingPool(estimate, source.dictionary.size)
  }

  /** Rewrites the postings of up to `termBudget` more terms; true when all terms are done. */
  run(termBudget: number): boolean {
    const source = this.source
    const termCount = source.dictionary.size
    const end = Math.min(termCount, this.nextTermId + termBudget)
    for (let termId = this.nextTermId; termId < end; termId++) this.rewriteTerm(termId)
    this.nextTermId = end
    return end >= termCount
  }

  /** The compacted index (after {@link run} returned true). */
  result(): InvertedIndex {
    this.postings.trim()
    const dictionary = TermDictionary.fromTerms(this.terms)
    return new InvertedIndex(this.source.fieldCount, this.source.storedFieldCount, {
      dictionary,
      postings: this.postings,
      documents: this.documents,
    })
  }

  private rewriteTerm(termId: number): void {
    const source = this.source
    if (source.postings.docFrequency[termId] === 0) return
    const cursor = new PostingCursor(source.postings.postingsOf(termId), source.fieldCount)
    const newDocIds = this.newDocIds
    let newTermId = -1
    while (cursor.next()) {
      const newDocId = newDocIds[cursor.docId]
      if (newDocId < 0) continue
      if (newTermId < 0) {
        newTermId = this.terms.length
        this.terms.push(source.dictionary.termOf(termId))
        this.postings.ensureTerms(newTermId + 1)
      }
      const length = this.encodeCurrent(cursor)
      this.postings.appendPosting(newTermId, newDocId, this.encoded, length)
    }
  }

  private encodeCurrent(cursor: PostingCursor): number {
    let maxLength = 5
    for (let f = 0; f < cursor.termFrequency.length; f++) maxLength += 5 + 5 * cursor.termFrequency[f]
    if (maxLength > this.encoded.length) this.encoded = new Uint8Array(maxLength * 2)
    const bytes = this.encoded
    let offset = writeVarint(bytes, 0, cursor.fieldMask >>> 0)
    for (let f = 0; f < cursor.termFrequency.length; f++) {
      const frequency = cursor.termFrequency[f]
      if (frequency === 0) continue
      offset = writeVarint(bytes, offset, frequency)
      let previous = 0
      const start = cursor.positionsStart[f]
      const positions = cursor.positions
      for (let i = 0; i < frequency; i++) {
        const position = positions[start + i]
        offset = writeVarint(bytes, offset, position - previous)
        previous = position
      }
    }
    return offset
  }
}
