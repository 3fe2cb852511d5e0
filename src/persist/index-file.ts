/**
 * The saved index format: writes an {@link InvertedIndex} plus the index options to bytes and reads them
 * back, validating everything so a bad file never yields a half-loaded index. Owns the file layout and
 * its version; never re-analyses text. Loading is mostly bulk copies into typed arrays (term text, field
 * lengths, postings): no object or string is made per term, only one pass of checks over the postings.
 *
 * Layout (little-endian; "raw" = the elements of a typed array as they are, without a length):
 * ```text
 * 0   4  magic "KVSH"
 * 4   2  format version (FORMAT_VERSION)
 * 6   2  flags: bit 0 = a lone-surrogate list follows the string table; other bits 0
 * 8   4  payload length
 * 12  4  CRC-32 of the payload
 * 16  …  payload = block(UTF-8 string table) + [lone surrogates: count, then (offset gap, code unit) each;
 *        only with flag bit 0 — UTF-8 cannot carry them, the table holds U+FFFD there] + structure:
 *        options (JSON string)
 *        documents: count, then per doc its id (tag 0 string | 1 number);
 *                   field lengths (raw u32, doc after doc), languages (raw u8), removed bitmap (raw),
 *                   stored values per stored field (tagged)
 *        terms: count, code-unit count, term text (raw u16, UTF-16 code units term after term),
 *               then varints: each term's length in code units, each term's posting byte length, the
 *               byte length of the term order
 *        postings: raw, term after term
 *        term order: the term ids in term order, varints (read and checked when first needed, by a
 *                    prefix or fuzzy query)
 * ```
 * Strings other than terms are written as their UTF-16 length; their text is in the string table.
 * A term's document frequency and last document are not stored: checking its postings yields them.
 * Versions 1 (terms in the string table) and 2 (term order before the postings), written before 0.1.0's
 * release, are rejected as incompatible (rebuild the index). The version also goes up when analysis
 * changes the terms a text gives, since a loaded index is never re-analysed: its terms must be the ones
 * queries get. Version 4 has version 3's layout; it marks the Arabic stemming that keeps الله (and لله,
 * والله…) whole, where version 3 indexes hold له and لل. Version 5, the same layout again, marks the
 * Arabic words whose کال is their own (کالیفورنیا, کالسیوم: dictionaries/ar-kal-words.txt), which version 4
 * indexes hold without it (یفورنیا). Version 6, the same layout, marks ZWNJ as a word break (کتاب‌خانه →
 * کتاب, خانه; affixes and a stop word before it join back), where version 5 indexes hold کتابخانه, and
 * Arabic dual/plural endings removed only from stems of three letters (سکان, not سک). Version 7, the same
 * layout, adds the hidden lead field after the indexed fields (the first `leadWords` words of each field
 * again; the options record `leadWords`), which version 6 indexes lack. Version 8, the same layout, stems
 * Persian verbs after the negative prefix ن (نرفتند → رفت) and gives a present verb one stem whatever its
 * person ending (میتواند → توان, as میتوانند), where version 7 indexes hold نرفتند and توا. Version 9, the
 * same layout, indexes Persian words written more than one way as one spelling (هیأت, هیات → هیئت, بلیط →
 * بلیت; dictionaries/fa-spelling-variants.txt) and drops the final hamza after alef of Persian words
 * (اعضاء → اعضا), and reads a number over its digit-group separators (1,000 and ۱٬۰۰۰ → 1000), which
 * version 8 indexes hold apart (1 and 000). Version 10, the same layout, drops the Arabic question words
 * ماهي and ماهو as stop words, which version 9 indexes hold as the term ماه, and stems the ات plural of a
 * Persian noun in a silent ه to its singular (مسابقات → مسابقه, where version 9 holds مسابق), and keeps the
 * initial و of the Arabic words of dictionaries/ar-waw-words.txt (وزیر, where version 9 holds زیر) and the وال
 * of those of dictionaries/ar-wal-words.txt (والده, where version 9 holds ده). Version 11, the same layout,
 * drops التي / الذي written with a doubled lam (اللتي, اللذي) as Arabic stop words, which version 10 indexes
 * hold as لت and لذ. Version 12, the same layout, keeps the final hamza of four-letter Arabic words (اناء,
 * دعاء, سماء), which version 11 indexes hold as انا, دعا, سما. Version 13, the same layout, keeps the و of
 * more Arabic words of dictionaries/ar-waw-words.txt (وصول, واسعة, وجبات, where version 12 holds صول, اسع, جب)
 * and the بال of those of dictionaries/ar-bal-words.txt (بالغة, بالون, where version 12 holds غه, ون), and
 * stems a joined Persian plural's rest as the word alone (ویژگیها → ویژه, where version 12 holds ویژگ) and
 * keeps 51 more Persian words whole (سرطان, مجازات, کاراکتر, where version 12 holds سرط, مجاز, کاراک), and
 * removes the Arabic pronoun ه after ات or ی (مستویاته → مستو, النهاییه → نهای, where version 12 holds
 * مستویات, نها) and a final hamza after alef that a suffix covered (اجراءات → اجرا, version 12: اجراء).
 * Version 14, the same layout, spells the Arabic مائة ("hundred") as مئة (مائة → می, خمسمائة → خمسم, where
 * version 13 holds ما, خمسما) and the transliterations of dictionaries/ar-spelling-variants.txt as their
 * first spelling (الأميركية → امریک, where version 13 holds امیرک), keeps 78 more Arabic words whole
 * (قانون, فلسطین, تحسین, where version 13 holds قان, فلسط, تحس), removes the nisba ـائي whole (النهائي → نها,
 * version 13: نهای), indexes the Persian دمکرا… as دموکرا… and بزرگان as بزرگ (version 13: بزره).
 * Version 15, the same layout, reads no article in an Arabic ال written آل, أل or إل (آلاف → الاف, ألعاب →
 * العاب, where version 14 holds اف, عاب) and drops إليه and its kin and آل as Arabic stop words, keeps the
 * و of 12 more Arabic words (واحد, where version 14 holds احد), stems زنان as زن (version 14: زنان) and
 * قوات as قو (version 14: قوات).
 * Version 16, the same layout, reads an Arabic noun in ت + attached pronoun or dual ending as the noun in ة
 * (حکومتها, الدولتین → حکوم, دول as حکومه, دوله, where version 15 holds حکومت, دولت), but for the words of
 * dictionaries/ar-teh-words.txt, keeps 12 more Arabic names in ستان or تین whole (کازاخستان, بوتین;
 * version 15: کازاخست, بوت), drops the alef of the Arabic accusative tanween where the mark is written
 * (رئیساً → رییس, version 15: رییسا), drops جدا, دون and فقط as Arabic stop words, and puts no
 * more than half of a field of more than 12 words into the lead field (version 15: its first leadWords).
 * Version 17, the same layout, reads a Persian word of dictionaries/fa-heh-ye-words.txt + ای written joined
 * as the word (منطقهای, هستهای → منطقه, هسته, where version 16 holds منطق, هست).
 * Version 18, the same layout, joins a Persian stop word and the next word across a space when they form a
 * compound of dictionaries/fa-stop-compounds.txt, as across a ZWNJ (پیش بینی → پیشبین, where version 17
 * holds بین), and keeps the Arabic ملايين, فيينا, مصراتة, كلية, كليات, انتهاء and إنهاء whole (version 17: ملا,
 * the mullah of الملا عمر; فی, مصر, کل, انت, ان), the Persian بازی (version 17: باز) and 32 surnames in ی
 * (حسینی, سلیمانی; version 17: حسین, سلیمان).
 * Version 19, the same layout, keeps more Persian words whole whose stem was another word
 * (dictionaries/fa-stem-exceptions.txt): names and loanwords in تر (اینتر, رویتر, ریشتر; version 18: این,
 * روی, ریش), surnames in یان (پزشکیان, رضاییان; version 18: پزشک, رضا), names and nouns in ان or ات
 * (سپاهان, عمران, امارات, مهمات; version 18: سپاه, عمر, امار, مهم), and indexes the Arabic علي (the name Ali)
 * as علی: version 18 took it for the stop word على; 45 Arabic words stay whole (سلمان, شعبان, رياضة, الجمعة, الدوري;
 * version 18: سلم, شعب, رياض, جمع, دور).
 */

import { CorruptIndexError, IncompatibleIndexError, KavoshError } from '../errors'
import { type DocumentId, DocumentTable } from '../index/document-table'
import { InvertedIndex } from '../index/inverted-index'
import { PostingPool } from '../index/posting-pool'
import { TermDictionary } from '../index/term-dictionary'
import { ByteReader, ByteWriter, decodeVarints, restoreLoneSurrogates } from './byte-stream'
import { crc32 } from './crc32'

/**
 * Version of the format this build writes and the only one it reads; raised for a new layout and for an
 * analysis change that gives other terms for the same text (see the layout notes above).
 */
export const FORMAT_VERSION = 19

const MAGIC = [0x4b, 0x56, 0x53, 0x48] // "KVSH"
const HEADER_BYTES = 16
/** Flag: the string table has lone surrogates, listed after it. */
const FLAG_LONE_SURROGATES = 1
/** Format versions above this are read as corruption rather than as a newer kavosh. */
const MAX_PLAUSIBLE_VERSION = 255

/** Type tags of stored values. */
const ValueTag = {
  Undefined: 0,
  Null: 1,
  False: 2,
  True: 3,
  Number: 4,
  String: 5,
  Date: 6,
  Json: 7,
} as const

/**
 * Encodes options and index into the saved format.
 *
 * @example
 * ```ts
 * const bytes = saveIndex({ fields: ['body'] }, inverted)
 * ```
 */
export function saveIndex(options: Record<string, unknown>, index: InvertedIndex): Uint8Array {
  const writer = new ByteWriter()
  writer.string(JSON.stringify(options))
  const documents = index.documents
  const count = documents.count
  writer.varint(count)
  for (let docId = 0; docId < count; docId++) {
    const id = documents.externalIds[docId]
    if (typeof id === 'number') {
      writer.byte(1)
      writer.float64(id)
    } else {
      writer.byte(0)
      writer.string(id)
    }
  }
  writer.littleEndian(documents.fieldLengths.subarray(0, count * index.fieldCount))
  writer.raw(documents.languages.subarray(0, count))
  const removedBitmap = new Uint8Array(Math.ceil(count / 8))
  for (let docId = 0; docId < count; docId++) {
    if (documents.isRemoved(docId)) removedBitmap[docId >> 3] |= 1 << (docId & 7)
  }
  writer.raw(removedBitmap)
  for (const column of documents.storedValues) {
    for (let docId = 0; docId < count; docId++) writeValue(writer, column[docId])
  }

  const dictionary = index.dictionary
  const pool = index.postings
  const termCount = dictionary.size
  const bounds = dictionary.termBounds
  const units = dictionary.codeUnits
  writer.varint(termCount)
  writer.varint(units.length)
  writer.littleEndian(units)
  for (let termId = 0; termId < termCount; termId++) writer.varint(bounds[termId + 1] - bounds[termId])
  let postingBytes = 0
  for (let termId = 0; termId < termCount; termId++) {
    const length = termId < pool.termCount ? pool.regionLength[termId] : 0
    writer.varint(length)
    postingBytes += length
  }
  const postings = new Uint8Array(postingBytes)
  let offset = 0
  for (let termId = 0; termId < termCount; termId++) {
    const bytes = pool.postingsOf(termId)
    postings.set(bytes, offset)
    offset += bytes.length
  }
  const sorted = dictionary.sortedTermIds()
  const order = new ByteWriter()
  for (let k = 0; k < termCount; k++) order.varint(sorted[k])
  const orderBytes = order.finish().structure
  writer.varint(orderBytes.length)
  writer.raw(postings)
  writer.raw(orderBytes)
  const { strings, structure, loneSurrogates } = writer.finish()

  const stringHeader = new ByteWriter()
  stringHeader.varint(strings.length)
  const lengthPrefix = stringHeader.finish().structure
  const surrogateWriter = new ByteWriter()
  if (loneSurrogates.length > 0) {
    surrogateWriter.varint(loneSurrogates.length / 2)
    let previous = 0
    for (let k = 0; k < loneSurrogates.length; k += 2) {
      surrogateWriter.varint(loneSurrogates[k] - previous)
      surrogateWriter.varint(loneSurrogates[k + 1])
      previous = loneSurrogates[k]
    }
  }
  const surrogateList = surrogateWriter.finish().structure
  const payloadLength = lengthPrefix.length + strings.length + surrogateList.length + structure.length
  const file = new Uint8Array(HEADER_BYTES + payloadLength)
  file.set(MAGIC, 0)
  const view = new DataView(file.buffer)
  view.setUint16(4, FORMAT_VERSION, true)
  view.setUint16(6, loneSurrogates.length > 0 ? FLAG_LONE_SURROGATES : 0, true)
  view.setUint32(8, payloadLength, true)
  let position = HEADER_BYTES
  file.set(lengthPrefix, position)
  position += lengthPrefix.length
  file.set(strings, position)
  position += strings.length
  file.set(surrogateList, position)
  position += surrogateList.length
  file.set(structure, position)
  view.setUint32(12, crc32(file, HEADER_BYTES), true)
  return file
}

/**
 * Decodes saved bytes. `shapeOf` validates the stored options (throwing on bad ones) and returns the
 * field counts they imply. Throws `CorruptIndexError` or `IncompatibleIndexError`; never returns a
 * partial index.
 *
 * @example
 * ```ts
 * const { options, inverted } = loadIndex(bytes, (options) => ({ fieldCount: 2, storedFieldCount: 1 }))
 * ```
 */
export function loadIndex(
  bytes: Uint8Array,
  shapeOf: (options: Record<string, unknown>) => { fieldCount: number; storedFieldCount: number },
): { options: Record<string, unknown>; inverted: InvertedIndex } {
  if (!(bytes instanceof Uint8Array)) throw new CorruptIndexError('a saved index must be a Uint8Array')
  if (bytes.length < HEADER_BYTES) {
    throw new CorruptIndexError(bytes.length === 0 ? 'saved index is empty' : 'saved index is truncated')
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new CorruptIndexError('these bytes are not a kavosh index (bad magic)')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint16(4, true)
  // A version far beyond any we will write is not a newer file but foreign bytes that happen to start
  // with the magic (e.g. text beginning "KVSH"): corrupt, not incompatible.
  if (version > MAX_PLAUSIBLE_VERSION)
    throw new CorruptIndexError(`saved index has an implausible format version (${version})`)
  if (version === 0) throw new CorruptIndexError('saved index has format version 0')
  if (version !== FORMAT_VERSION) throw new IncompatibleIndexError(version, FORMAT_VERSION)
  const flags = view.getUint16(6, true)
  if ((flags & ~FLAG_LONE_SURROGATES) !== 0) throw new CorruptIndexError('saved index has unknown flags')
  const payloadLength = view.getUint32(8, true)
  if (HEADER_BYTES + payloadLength !== bytes.length) {
    throw new CorruptIndexError(
      HEADER_BYTES + payloadLength > bytes.length
        ? 'saved index is truncated'
        : 'saved index has trailing bytes',
    )
  }
  if (crc32(bytes, HEADER_BYTES) !== view.getUint32(12, true)) {
    throw new CorruptIndexError('saved index checksum does not match (the bytes were altered)')
  }
  try {
    return decodePayload(bytes.subarray(HEADER_BYTES), (flags & FLAG_LONE_SURROGATES) !== 0, shapeOf)
  } catch (error) {
    if (error instanceof CorruptIndexError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new CorruptIndexError(`saved index is invalid: ${reason}`)
  }
}

function decodePayload(
  payload: Uint8Array,
  hasLoneSurrogates: boolean,
  shapeOf: (options: Record<string, unknown>) => { fieldCount: number; storedFieldCount: number },
): { options: Record<string, unknown>; inverted: InvertedIndex } {
  const prefixReader = new ByteReader(payload, '')
  const stringBlock = prefixReader.block()
  let stringTable = new TextDecoder('utf-8', { fatal: true }).decode(stringBlock)
  if (hasLoneSurrogates) {
    const count = prefixReader.bounded(stringTable.length, 'surrogate count')
    const loneSurrogates: number[] = []
    let offset = 0
    for (let k = 0; k < count; k++) {
      offset += prefixReader.varint()
      loneSurrogates.push(offset, prefixReader.varint())
    }
    if (count === 0) throw new CorruptIndexError('saved index has an empty surrogate list')
    stringTable = restoreLoneSurrogates(stringTable, loneSurrogates)
  }
  const structureStart = prefixReader.offsetInBytes
  const reader = new ByteReader(payload.subarray(structureStart), stringTable)

  const options = JSON.parse(reader.string()) as Record<string, unknown>
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CorruptIndexError('saved index options are not an object')
  }
  let shape: { fieldCount: number; storedFieldCount: number }
  try {
    shape = shapeOf(options)
  } catch (error) {
    if (error instanceof KavoshError)
      throw new CorruptIndexError(`saved index options are invalid: ${error.message}`)
    throw error
  }
  const { fieldCount, storedFieldCount } = shape
  const documents = readDocuments(reader, payload.length, fieldCount, storedFieldCount)

  const termCount = reader.bounded(payload.length, 'term count')
  const unitCount = reader.bounded(payload.length, 'term text length')
  const units = reader.uint16Array(unitCount)
  const bounds = new Uint32Array(termCount + 1)
  // (The lengths themselves go to a scratch column: both calls store them, so neither deoptimises the
  // other's loop.)
  const termLengths = new Uint32Array(termCount)
  if (reader.lengths(termCount, unitCount, 'term length', termLengths, bounds) !== unitCount) {
    throw new CorruptIndexError('saved index term text does not add up')
  }
  const pool = new PostingPool(16, termCount + 1)
  pool.ensureTerms(termCount)
  const postingBytes = reader.lengths(
    termCount,
    payload.length,
    'posting length',
    pool.regionLength,
    pool.regionStart,
  )
  pool.regionStart[termCount] = 0
  pool.regionCapacity = pool.regionLength // packed: no free room
  pool.usedBytes = postingBytes
  const orderLength = reader.bounded(payload.length, 'term order length')
  const postings = reader.raw(postingBytes)
  // The term order is read and checked on its first use, by a prefix or fuzzy query: a wrong one is
  // ignored (the terms are then sorted).
  const order = reader.raw(orderLength).slice()
  if (!reader.atEnd) throw new CorruptIndexError('saved index has unexpected extra data')
  const dictionary = TermDictionary.fromCodeUnits(units, bounds, () =>
    decodeVarints(order, termCount, termCount),
  )
  if (dictionary === null) throw new CorruptIndexError('saved index has a repeated term')
  if (!reader.stringsConsumed) throw new CorruptIndexError('saved index has unexpected extra data')
  // Never an empty pool: it grows by doubling, and an index saved empty must accept documents after load.
  pool.bytes = postingBytes > 0 ? postings.slice() : new Uint8Array(16)
  checkPostings(pool, termCount, documents)
  return {
    options,
    inverted: new InvertedIndex(fieldCount, storedFieldCount, { dictionary, postings: pool, documents }),
  }
}

/** The document table: ids, then the typed columns in bulk, then stored values. */
function readDocuments(
  reader: ByteReader,
  payloadLength: number,
  fieldCount: number,
  storedFieldCount: number,
): DocumentTable {
  const count = reader.bounded(payloadLength, 'document count')
  // Each per-document loop is a function of its own: V8 optimises a loop while it runs, and code after it
  // that had not run yet would deoptimise it on every load (see readLengths in byte-stream.ts).
  const externalIds = readIds(reader, count)
  // Columns get at least one slot: the table grows them by doubling.
  const slots = Math.max(1, count)
  const fieldLengths = reader.uint32Array(count * fieldCount, slots * fieldCount)
  const languages = new Uint8Array(slots)
  languages.set(reader.raw(count))
  if (!validLanguages(languages, count)) {
    throw new CorruptIndexError('saved index has an invalid document language')
  }
  const removed = new Uint8Array(slots)
  if (!expandBitmap(reader.raw(Math.ceil(count / 8)), count, removed)) {
    throw new CorruptIndexError('saved index has an invalid removal bitmap')
  }
  const storedValues: unknown[][] = []
  for (let s = 0; s < storedFieldCount; s++) storedValues.push(readColumn(reader, count))
  const built = DocumentTable.fromColumns(fieldCount, storedFieldCount, {
    externalIds,
    fieldLengths,
    languages,
    removed,
    storedValues,
  })
  if ('duplicateId' in built) throw new CorruptIndexError('saved index has a duplicate document id')
  return built.table
}

/** `count` document ids (tag 0 string, 1 number), pushed (a large `new Array(n)` can be a slow dictionary). */
function readIds(reader: ByteReader, count: number): DocumentId[] {
  const ids: DocumentId[] = []
  for (let docId = 0; docId < count; docId++) {
    const tag = reader.byte()
    if (tag === 1) ids.push(reader.float64())
    else if (tag === 0) ids.push(reader.string())
    else throw new CorruptIndexError('saved index has an invalid document id')
  }
  return ids
}

/** Whether every language byte is a valid language code (two 2-bit fields, neither 3). */
function validLanguages(languages: Uint8Array, count: number): boolean {
  for (let docId = 0; docId < count; docId++) {
    const language = languages[docId]
    if ((language & 3) === 3 || language >> 2 === 3 || language > 15) return false
  }
  return true
}

/** One byte (0 or 1) per bit of `bitmap` into `target`; false when a bit past `count` is set. */
function expandBitmap(bitmap: Uint8Array, count: number, target: Uint8Array): boolean {
  for (let docId = 0; docId < count; docId++) target[docId] = (bitmap[docId >> 3] >> (docId & 7)) & 1
  return count % 8 === 0 || bitmap[bitmap.length - 1] >> (count % 8) === 0
}

/** `count` stored values of one field. */
function readColumn(reader: ByteReader, count: number): unknown[] {
  const column: unknown[] = []
  for (let docId = 0; docId < count; docId++) column.push(readValue(reader))
  return column
}

/**
 * Walks every posting list once, records each term's document frequency and last document, and throws
 * `CorruptIndexError` unless each list is well formed: varints inside the term's region, doc ids
 * increasing and below the document count, field masks within the fields, term frequencies within the
 * field lengths, positions inside the region. The checksum catches accidental damage; this catches a file
 * whose checksum was recomputed over inconsistent data (a bug or a crafted file), which search would
 * otherwise read as garbage. One sequential pass over the posting bytes, one-byte varints inline.
 */
function checkPostings(pool: PostingPool, termCount: number, documents: DocumentTable): void {
  if (!primed) {
    primeCheck()
    primed = true
  }
  // In calls of about CHECK_CHUNK_BYTES of postings each (the regions lie term after term): V8 optimises a
  // function that is called again and again sooner than one long loop it has to replace while it runs, and
  // a cold load (a process's first) spends a third less CPU. The arrays go in as arguments: V8 compiles
  // the loop over locals better than over fields read into constants (about 1.6× on hamshahri-subset).
  const start = pool.regionStart
  for (let from = 0; from < termCount; ) {
    const to = firstTermFrom(start, from + 1, termCount, start[from] + CHECK_CHUNK_BYTES)
    checkPostingBytes(
      pool.bytes,
      start,
      pool.regionLength,
      pool.docFrequency,
      pool.lastDocId,
      from,
      to,
      documents.fieldCount,
      documents.count,
      documents.fieldLengths,
    )
    from = to
  }
}

/** Bytes of postings checked per call of {@link checkPostingBytes}. */
const CHECK_CHUNK_BYTES = 32768

/** The first term in `[low, high)` whose region starts at `offset` or later (`high` when none). */
function firstTermFrom(start: Uint32Array, low: number, high: number, offset: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1
    if (start[middle] < offset) low = middle + 1
    else high = middle
  }
  return low
}

function checkPostingBytes(
  bytes: Uint8Array,
  regionStart: Uint32Array,
  regionLength: Uint32Array,
  docFrequency: Uint32Array,
  lastDocId: Int32Array,
  fromTerm: number,
  toTerm: number,
  fieldCount: number,
  documentCount: number,
  fieldLengths: Uint32Array,
): void {
  const maskLimit = 2 ** fieldCount
  for (let termId = fromTerm; termId < toTerm; termId++) {
    let offset = regionStart[termId]
    const end = offset + regionLength[termId]
    let docId = -1
    let postings = 0
    while (offset < end) {
      let byte = bytes[offset++]
      let gap = byte & 0x7f
      if (byte >= 0x80) {
        let multiplier = 0x80
        do {
          if (offset >= end) throw truncatedPosting()
          byte = bytes[offset++]
          gap += (byte & 0x7f) * multiplier
          multiplier *= 0x80
        } while (byte >= 0x80)
        if (multiplier > MAX_VARINT_MULTIPLIER) throw malformedPosting()
      }
      docId += gap
      if (gap === 0 || docId >= documentCount) throw invalidPosting('of an invalid document')
      if (offset >= end) throw truncatedPosting()
      byte = bytes[offset++]
      let mask = byte & 0x7f
      if (byte >= 0x80) {
        let multiplier = 0x80
        do {
          if (offset >= end) throw truncatedPosting()
          byte = bytes[offset++]
          mask += (byte & 0x7f) * multiplier
          multiplier *= 0x80
        } while (byte >= 0x80)
        if (multiplier > MAX_VARINT_MULTIPLIER) throw malformedPosting()
      }
      if (mask === 0 || mask >= maskLimit) throw invalidPosting('with invalid fields')
      const lengths = docId * fieldCount
      // Over the mask's set bits only (usually one): a loop over every field and a test per bit costs a
      // mispredicted branch per posting.
      for (let rest = mask; rest !== 0; rest &= rest - 1) {
        const field = 31 - Math.clz32(rest & -rest)
        if (offset >= end) throw truncatedPosting()
        byte = bytes[offset++]
        let frequency = byte & 0x7f
        if (byte >= 0x80) {
          let multiplier = 0x80
          do {
            if (offset >= end) throw truncatedPosting()
            byte = bytes[offset++]
            frequency += (byte & 0x7f) * multiplier
            multiplier *= 0x80
          } while (byte >= 0x80)
          if (multiplier > MAX_VARINT_MULTIPLIER) throw malformedPosting()
        }
        if (frequency === 0 || frequency > fieldLengths[lengths + field]) {
          throw invalidPosting('with an invalid term frequency')
        }
        // Positions: only their byte boundaries matter here (any value is a readable position). A varint
        // ends at a byte below 0x80. The most common case, one position of one or two bytes, without a
        // loop.
        if (frequency === 1 && offset + 2 < end) {
          const second = (bytes[offset] >>> 7) & 1 // the varint goes on to a second byte
          const third = (bytes[offset + 1] >>> 7) & second // … and to a third
          offset += 1 + second
          if (third === 1) {
            do {
              if (offset >= end) throw truncatedPosting()
            } while (bytes[offset++] >= 0x80)
          }
        } else {
          // Each position takes a byte at least: a frequency beyond the region is truncation, said before
          // the loop (a crafted file's field length and frequency of billions would otherwise run it for as
          // many reads). No bound test per byte: past `end` the loop reads other terms' bytes or, past the
          // buffer, undefined (read as a varint's last byte), so it stops within `frequency` bytes of `end`;
          // the offset is tested once after it.
          if (frequency > end - offset) throw truncatedPosting()
          let remaining = frequency
          while (remaining > 0) remaining -= (bytes[offset++] >>> 7) ^ 1
          if (offset > end) throw truncatedPosting()
        }
      }
      postings++
    }
    docFrequency[termId] = postings
    lastDocId[termId] = docId
  }
}

/**
 * Runs {@link checkPostingBytes} over a few synthetic postings that take every branch (long varints, one-
 * to three-byte positions, several positions): a cold load runs the real loop once, and the optimiser
 * would otherwise meet a branch it has no feedback for midway and deoptimise the whole loop. Several
 * times, because V8 starts recording feedback for a function only after a few calls.
 */
function primeCheck(): void {
  // Three documents, two fields of length 300: term 0 = doc 0 (field 0: tf 1, position 5; field 1: tf 2,
  // positions 1 and 200), doc 2 via a two-byte gap (field 1: tf 1, position 20000, three bytes); term 1 =
  // doc 1 with a two-byte mask and tf 130 (two-byte varint) positions of one byte.
  const postings = [1, 3, 1, 5, 2, 1, 0xc8, 0x01, 0x82, 0x00, 2, 1, 0xa0, 0x9c, 0x01]
  const term1 = [2, 0x81, 0x00, 0x82, 0x01, ...new Array(130).fill(1)]
  const bytes = Uint8Array.from([...postings, ...term1, 0, 0, 0])
  const fieldLengths = new Uint32Array(6).fill(300)
  const starts = Uint32Array.of(0, postings.length)
  const lengths = Uint32Array.of(postings.length, term1.length)
  for (let run = 0; run < 16; run++) {
    checkPostingBytes(bytes, starts, lengths, new Uint32Array(2), new Int32Array(2), 0, 2, 2, 3, fieldLengths)
  }
}
let primed = false

/** 128 to the power of the most bytes a varint may take (5). */
const MAX_VARINT_MULTIPLIER = 2 ** 35

function malformedPosting(): CorruptIndexError {
  return new CorruptIndexError('saved index has a malformed posting')
}

function invalidPosting(what: string): CorruptIndexError {
  return new CorruptIndexError(`saved index has a posting ${what}`)
}

function truncatedPosting(): CorruptIndexError {
  return new CorruptIndexError('saved index has a truncated posting')
}

function writeValue(writer: ByteWriter, value: unknown): void {
  if (value === undefined) writer.byte(ValueTag.Undefined)
  else if (value === null) writer.byte(ValueTag.Null)
  else if (value === false) writer.byte(ValueTag.False)
  else if (value === true) writer.byte(ValueTag.True)
  else if (typeof value === 'number') {
    writer.byte(ValueTag.Number)
    writer.float64(value)
  } else if (typeof value === 'string') {
    writer.byte(ValueTag.String)
    writer.string(value)
  } else if (value instanceof Date) {
    writer.byte(ValueTag.Date)
    writer.float64(value.getTime())
  } else {
    writer.byte(ValueTag.Json)
    writer.string(JSON.stringify(value) ?? 'null')
  }
}

function readValue(reader: ByteReader): unknown {
  const tag = reader.byte()
  switch (tag) {
    case ValueTag.Undefined:
      return undefined
    case ValueTag.Null:
      return null
    case ValueTag.False:
      return false
    case ValueTag.True:
      return true
    case ValueTag.Number:
      return reader.float64()
    case ValueTag.String:
      return reader.string()
    case ValueTag.Date:
      return new Date(reader.float64())
    case ValueTag.Json:
      return JSON.parse(reader.string())
    default:
      throw new CorruptIndexError('saved index has an invalid stored value')
  }
}
