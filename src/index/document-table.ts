/**
 * Per-document data addressed by dense internal doc ids: the caller's id, per-field lengths (for BM25
 * length normalisation), the document's language, removal marks and stored field values. Owns the
 * mapping between caller ids and internal ids. Knows nothing about terms or postings.
 *
 * Internal ids are handed out in insertion order and never reused; a removed document keeps its slot
 * (marked removed) until compaction renumbers the survivors.
 */

/** A document id as the caller gives it: a string or a finite number. */
export type DocumentId = string | number

/**
 * Language byte stored per document: bits 0–1 = the language its text was analysed with (0 = `'auto'`,
 * per word; 1 = Persian; 2 = Arabic), bits 2–3 = the language it counts as for query analysis
 * (1 = Persian, 2 = Arabic, 0 = none). Build it with {@link languageCode}.
 */
export type LanguageCode = number

/** Language names by code (index 0 = `'auto'`/none). */
export const LANGUAGE_NAMES = ['auto', 'fa', 'ar'] as const

/**
 * Packs the analysis language and the counted language of a document into one byte.
 *
 * @example
 * ```ts
 * languageCode('auto', 'fa') // → 4
 * ```
 */
export function languageCode(analysedAs: 'auto' | 'fa' | 'ar', countedAs: 'fa' | 'ar' | null): LanguageCode {
  return (
    LANGUAGE_NAMES.indexOf(analysedAs) | ((countedAs === null ? 0 : LANGUAGE_NAMES.indexOf(countedAs)) << 2)
  )
}

/** The language a document was analysed with (`'auto'`, `'fa'` or `'ar'`). */
export function analysisLanguageOf(code: LanguageCode): 'auto' | 'fa' | 'ar' {
  return LANGUAGE_NAMES[code & 3] ?? 'auto'
}

/** The index of the language a document counts as: 0 none, 1 Persian, 2 Arabic. */
export function countedLanguageOf(code: LanguageCode): number {
  return (code >> 2) & 3
}

/**
 * Columns of per-document data.
 *
 * @example
 * ```ts
 * const table = new DocumentTable(2, 1)
 * const docId = table.add('a1', [3, 120], languageCode('fa', 'fa'), ['title text'])
 * table.docIdOf('a1') // → 0
 * ```
 */
export class DocumentTable {
  /** Internal ids handed out so far (removed documents included). */
  count = 0
  /** Documents not removed. */
  liveCount = 0
  /** Caller id of each internal id. */
  externalIds: DocumentId[] = []
  /** Indexed-token count of field f of doc d at `d * fieldCount + f`. */
  fieldLengths: Uint32Array
  /** 1 when the document was removed. */
  removed: Uint8Array
  /** {@link LanguageCode} of each document. */
  languages: Uint8Array
  /** Stored values: `storedValues[storedField][docId]`. */
  storedValues: unknown[][]
  /** Sum of field lengths over live documents, per field. */
  readonly liveFieldLengthTotals: Float64Array
  /** Live documents whose field f holds at least one indexed token, per field. */
  readonly liveFieldDocCounts: Float64Array
  private readonly docIdsByExternalId = new Map<DocumentId, number>()

  constructor(
    readonly fieldCount: number,
    readonly storedFieldCount: number,
    initialDocs = 64,
  ) {
    const slots = Math.max(1, initialDocs)
    this.fieldLengths = new Uint32Array(slots * fieldCount)
    this.removed = new Uint8Array(slots)
    this.languages = new Uint8Array(slots)
    this.storedValues = Array.from({ length: storedFieldCount }, () => [])
    this.liveFieldLengthTotals = new Float64Array(fieldCount)
    this.liveFieldDocCounts = new Float64Array(fieldCount)
  }

  /**
   * The average length of field `field` over the live documents that have it (BM25's avgdl, as Lucene
   * counts it: a field most documents leave empty, a summary or a caption, is not made to look short),
   * or 0 when none has it.
   */
  averageFieldLength(field: number): number {
    const docs = this.liveFieldDocCounts[field]
    return docs > 0 ? this.liveFieldLengthTotals[field] / docs : 0
  }

  /** Internal id of a live document with this caller id, or −1. */
  docIdOf(externalId: DocumentId): number {
    return this.docIdsByExternalId.get(externalId) ?? -1
  }

  /** True when internal id `docId` was removed. */
  isRemoved(docId: number): boolean {
    return this.removed[docId] === 1
  }

  /** Adds a document and returns its internal id. The caller checked that `externalId` is new. */
  add(
    externalId: DocumentId,
    fieldLengths: ArrayLike<number>,
    language: LanguageCode,
    stored: readonly unknown[],
  ): number {
    const docId = this.count
    this.ensureCapacity(docId + 1)
    const fieldCount = this.fieldCount
    for (let f = 0; f < fieldCount; f++) {
      this.fieldLengths[docId * fieldCount + f] = fieldLengths[f]
      this.liveFieldLengthTotals[f] += fieldLengths[f]
      if (fieldLengths[f] > 0) this.liveFieldDocCounts[f]++
    }
    this.languages[docId] = language
    this.externalIds.push(externalId)
    for (let s = 0; s < this.storedFieldCount; s++) this.storedValues[s].push(frozen(stored[s]))
    this.docIdsByExternalId.set(externalId, docId)
    this.count++
    this.liveCount++
    return docId
  }

  /** Marks a live document removed and frees its stored values. */
  remove(docId: number): void {
    if (this.removed[docId] === 1) return
    this.removed[docId] = 1
    const fieldCount = this.fieldCount
    for (let f = 0; f < fieldCount; f++) {
      const length = this.fieldLengths[docId * fieldCount + f]
      this.liveFieldLengthTotals[f] -= length
      if (length > 0) this.liveFieldDocCounts[f]--
    }
    const externalId = this.externalIds[docId]
    // A replaced document's id may already point at its newer copy (e.g. while loading).
    if (this.docIdsByExternalId.get(externalId) === docId) this.docIdsByExternalId.delete(externalId)
    for (let s = 0; s < this.storedFieldCount; s++) this.storedValues[s][docId] = undefined
    this.liveCount--
  }

  /** Length (indexed tokens) of field `field` of document `docId`. */
  fieldLength(docId: number, field: number): number {
    return this.fieldLengths[docId * this.fieldCount + field]
  }

  /**
   * A new table holding only the live documents, renumbered densely in the same order, and the map
   * old id → new id (−1 for removed documents).
   */
  compacted(): { table: DocumentTable; newDocIds: Int32Array } {
    const table = new DocumentTable(this.fieldCount, this.storedFieldCount, this.liveCount)
    const newDocIds = new Int32Array(this.count).fill(-1)
    const lengths = new Uint32Array(this.fieldCount)
    const stored: unknown[] = new Array(this.storedFieldCount)
    for (let docId = 0; docId < this.count; docId++) {
      if (this.removed[docId] === 1) continue
      for (let f = 0; f < this.fieldCount; f++) lengths[f] = this.fieldLengths[docId * this.fieldCount + f]
      for (let s = 0; s < this.storedFieldCount; s++) stored[s] = this.storedValues[s][docId]
      newDocIds[docId] = table.add(this.externalIds[docId], lengths, this.languages[docId], stored)
    }
    return { table, newDocIds }
  }

  /**
   * A table over whole columns (taking ownership of the typed arrays: load and segment merges fill them in
   * bulk instead of adding documents one by one). `removed[d]` is 0, or 1 for a removed document (whose
   * stored values are dropped); `removed` and `languages` have one slot per document, `fieldLengths`
   * `fieldCount` per document. Returns the table, or the first caller id that two live documents share.
   */
  static fromColumns(
    fieldCount: number,
    storedFieldCount: number,
    columns: {
      externalIds: DocumentId[]
      fieldLengths: Uint32Array
      languages: Uint8Array
      removed: Uint8Array
      storedValues: unknown[][]
    },
  ): { table: DocumentTable } | { duplicateId: DocumentId } {
    const count = columns.externalIds.length
    const table = new DocumentTable(fieldCount, storedFieldCount, 1)
    // Capacity is removed.length (at least one slot, so that growth by doubling works).
    if (count > 0) {
      table.fieldLengths = columns.fieldLengths
      table.languages = columns.languages
      table.removed = columns.removed
    }
    table.externalIds = columns.externalIds
    for (const column of columns.storedValues) for (const value of column) frozen(value)
    table.storedValues = columns.storedValues
    table.count = count
    const live = indexLiveDocuments(
      columns.externalIds,
      columns.removed,
      columns.storedValues,
      table.fieldLengths,
      fieldCount,
      table.docIdsByExternalId,
      table.liveFieldLengthTotals,
      table.liveFieldDocCounts,
    )
    if (live < 0) return { duplicateId: columns.externalIds[-live - 1] }
    table.liveCount = live
    return { table }
  }

  /** Restores removal marks read from a saved index (the documents were added first). */
  markRemovedOnLoad(docId: number): void {
    this.remove(docId)
  }

  /** Bytes held by the typed columns (stored values and ids are not counted). */
  get retainedBytes(): number {
    return this.fieldLengths.byteLength + this.removed.byteLength + this.languages.byteLength
  }

  /** Shrinks the typed columns to the documents they hold (after a batch of additions). */
  trim(): void {
    if (this.removed.length === this.count) return
    const slots = Math.max(1, this.count)
    this.fieldLengths = this.fieldLengths.slice(0, slots * this.fieldCount)
    this.removed = this.removed.slice(0, slots)
    this.languages = this.languages.slice(0, slots)
  }

  private ensureCapacity(docs: number): void {
    if (docs <= this.removed.length) return
    let slots = this.removed.length * 2
    while (slots < docs) slots *= 2
    const fieldLengths = new Uint32Array(slots * this.fieldCount)
    fieldLengths.set(this.fieldLengths)
    this.fieldLengths = fieldLengths
    const removed = new Uint8Array(slots)
    removed.set(this.removed)
    this.removed = removed
    const languages = new Uint8Array(slots)
    languages.set(this.languages)
    this.languages = languages
  }
}

/**
 * Maps the caller id of every live document to its internal id, adds up live field lengths, counts the live
 * documents that have each field and drops the stored values of removed documents; returns the live count,
 * or −(docId + 1) of the first live document whose id an earlier one has. The loop alone in a function (it
 * runs once per load or merge: V8 optimises it while it runs, and code after it that had not run yet would
 * deoptimise it again).
 */
function indexLiveDocuments(
  externalIds: readonly DocumentId[],
  removed: Uint8Array,
  storedValues: unknown[][],
  fieldLengths: Uint32Array,
  fieldCount: number,
  ids: Map<DocumentId, number>,
  totals: Float64Array,
  having: Float64Array,
): number {
  let live = 0
  for (let docId = 0; docId < externalIds.length; docId++) {
    if (removed[docId] !== 0) {
      for (let s = 0; s < storedValues.length; s++) storedValues[s][docId] = undefined
      continue
    }
    // One hash lookup per id: a repeated id leaves the size unchanged (the table is then discarded).
    const size = ids.size
    ids.set(externalIds[docId], docId)
    if (ids.size === size) return -(docId + 1)
    for (let f = 0; f < fieldCount; f++) {
      const length = fieldLengths[docId * fieldCount + f]
      totals[f] += length
      if (length > 0) having[f]++
    }
    live++
  }
  return live
}

/**
 * `value` with every array and object in it frozen (not a Date: its time cannot be frozen, and readers get a
 * copy of it). Stored values are the index's own copies, handed out to hits, `getStoredFields` and filters
 * as they are: frozen, a caller's change cannot reach the index (or its facets, sorting and saved bytes).
 * An object already frozen is taken as frozen throughout (the index froze it).
 */
export function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || value instanceof Date || Object.isFrozen(value))
    return value
  Object.freeze(value)
  for (const inner of Object.values(value)) frozen(inner)
  return value
}
