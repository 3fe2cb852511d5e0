/**
 * The saved index format: writes an {@link InvertedIndex} plus the index options to bytes and reads them
 * back, validating everything so a bad file never yields a half-loaded index. Owns the file layout and
 * its version; never re-analyses text (loading copies postings as one block).
 *
 * Layout (little-endian):
 * ```text
 * 0   4  magic "KVSH"
 * 4   2  format version (FORMAT_VERSION)
 * 6   2  flags: bit 0 = a lone-surrogate list follows the string table; other bits 0
 * 8   4  payload length
 * 12  4  CRC-32 of the payload
 * 16  …  payload = block(UTF-8 string table) + [lone surrogates: count, then (offset gap, code unit) each;
 *        only with flag bit 0 — UTF-8 cannot carry them, the table holds U+FFFD there] + structure:
 *        options (JSON string)
 *        documents: count, then per doc: id (tag 0 string | 1 number), field lengths, language byte,
 *                   removed bitmap (block), stored values per stored field (tagged)
 *        terms: count, then each term (string), docFrequency, lastDocId + 1, posting byte length
 *        postings: block of all posting bytes, term after term
 * ```
 */

import { CorruptIndexError, IncompatibleIndexError, KavoshError } from '../errors'
import { DocumentTable } from '../index/document-table'
import { InvertedIndex } from '../index/inverted-index'
import { PostingPool } from '../index/posting-pool'
import { TermDictionary } from '../index/term-dictionary'
import { ByteReader, ByteWriter, restoreLoneSurrogates } from './byte-stream'
import { crc32 } from './crc32'

/** Version of the format this build writes and the newest it reads. */
export const FORMAT_VERSION = 1

const MAGIC = [0x4b, 0x56, 0x53, 0x48] // "KVSH"
const HEADER_BYTES = 16
/** Flag: the string table has lone surrogates, listed after it. */
const FLAG_LONE_SURROGATES = 1

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
  const fieldCount = index.fieldCount
  writer.varint(documents.count)
  for (let docId = 0; docId < documents.count; docId++) {
    const id = documents.externalIds[docId]
    if (typeof id === 'number') {
      writer.byte(1)
      writer.float64(id)
    } else {
      writer.byte(0)
      writer.string(id)
    }
    for (let f = 0; f < fieldCount; f++) writer.varint(documents.fieldLength(docId, f))
    writer.byte(documents.languages[docId])
  }
  const removedBitmap = new Uint8Array(Math.ceil(documents.count / 8))
  for (let docId = 0; docId < documents.count; docId++) {
    if (documents.isRemoved(docId)) removedBitmap[docId >> 3] |= 1 << (docId & 7)
  }
  writer.block(removedBitmap)
  for (const column of documents.storedValues) {
    for (let docId = 0; docId < documents.count; docId++) writeValue(writer, column[docId])
  }
  const pool = index.postings
  const termCount = index.dictionary.size
  writer.varint(termCount)
  let postingBytes = 0
  for (let termId = 0; termId < termCount; termId++) {
    writer.string(index.dictionary.termOf(termId))
    writer.varint(pool.docFrequency[termId])
    writer.varint(pool.lastDocId[termId] + 1)
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
  writer.block(postings)
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
/** Format versions above this are read as corruption rather than as a newer kavosh. */
const MAX_PLAUSIBLE_VERSION = 255

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
  if (version > FORMAT_VERSION) throw new IncompatibleIndexError(version, FORMAT_VERSION)
  if (version === 0) throw new CorruptIndexError('saved index has format version 0')
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

  const documentCount = reader.bounded(payload.length, 'document count')
  const documents = new DocumentTable(fieldCount, storedFieldCount, documentCount)
  const lengths = new Uint32Array(fieldCount)
  const externalIds: (string | number)[] = new Array(documentCount)
  const languages = new Uint8Array(documentCount)
  const fieldLengths = new Uint32Array(documentCount * fieldCount)
  for (let docId = 0; docId < documentCount; docId++) {
    const tag = reader.byte()
    if (tag === 1) externalIds[docId] = reader.float64()
    else if (tag === 0) externalIds[docId] = reader.string()
    else throw new CorruptIndexError('saved index has an invalid document id')
    for (let f = 0; f < fieldCount; f++) fieldLengths[docId * fieldCount + f] = reader.varint()
    languages[docId] = reader.byte()
    if ((languages[docId] & 3) === 3 || languages[docId] >> 2 === 3 || languages[docId] > 15) {
      throw new CorruptIndexError('saved index has an invalid document language')
    }
  }
  const removedBitmap = reader.block()
  if (removedBitmap.length !== Math.ceil(documentCount / 8)) {
    throw new CorruptIndexError('saved index has an invalid removal bitmap')
  }
  const columns: unknown[][] = []
  for (let s = 0; s < storedFieldCount; s++) {
    const column: unknown[] = new Array(documentCount)
    for (let docId = 0; docId < documentCount; docId++) column[docId] = readValue(reader)
    columns.push(column)
  }
  const stored: unknown[] = new Array(storedFieldCount)
  const liveIds = new Set<string | number>()
  for (let docId = 0; docId < documentCount; docId++) {
    for (let f = 0; f < fieldCount; f++) lengths[f] = fieldLengths[docId * fieldCount + f]
    for (let s = 0; s < storedFieldCount; s++) stored[s] = columns[s][docId]
    const removed = (removedBitmap[docId >> 3] >> (docId & 7)) & 1
    if (!removed) {
      if (liveIds.has(externalIds[docId]))
        throw new CorruptIndexError('saved index has a duplicate document id')
      liveIds.add(externalIds[docId])
    }
    documents.add(externalIds[docId], lengths, languages[docId], stored)
  }
  for (let docId = 0; docId < documentCount; docId++) {
    if ((removedBitmap[docId >> 3] >> (docId & 7)) & 1) documents.markRemovedOnLoad(docId)
  }

  const termCount = reader.bounded(payload.length, 'term count')
  const terms: string[] = new Array(termCount)
  const pool = new PostingPool(16, termCount)
  pool.ensureTerms(termCount)
  let postingBytes = 0
  for (let termId = 0; termId < termCount; termId++) {
    terms[termId] = reader.string()
    pool.docFrequency[termId] = reader.bounded(documentCount, 'document frequency')
    pool.lastDocId[termId] = reader.bounded(documentCount, 'document id') - 1
    const length = reader.bounded(payload.length, 'posting length')
    pool.regionStart[termId] = postingBytes
    pool.regionLength[termId] = length
    pool.regionCapacity[termId] = length
    postingBytes += length
  }
  const postings = reader.block()
  if (postings.length !== postingBytes) throw new CorruptIndexError('saved index postings do not add up')
  if (!reader.atEnd || !reader.stringsConsumed)
    throw new CorruptIndexError('saved index has unexpected extra data')
  // Never an empty pool: it grows by doubling, and an index saved empty must accept documents after load.
  pool.bytes = postingBytes > 0 ? postings.slice() : new Uint8Array(16)
  pool.usedBytes = postingBytes
  checkPostings(pool, termCount, documents)
  const dictionary = TermDictionary.fromTerms(terms)
  if (dictionary.size !== termCount) throw new CorruptIndexError('saved index has a duplicate term')
  return {
    options,
    inverted: new InvertedIndex(fieldCount, storedFieldCount, { dictionary, postings: pool, documents }),
  }
}

/**
 * Walks every posting list once and throws `CorruptIndexError` unless each is well formed: varints inside
 * the term's region, doc ids increasing and below the document count, as many postings as the term's
 * document frequency and the last one its recorded last doc id, field masks within the fields, term
 * frequencies within the field lengths. The checksum catches accidental damage; this catches a file whose
 * checksum was recomputed over inconsistent data (a bug or a crafted file), which search would otherwise
 * read as garbage. It costs one sequential pass over the posting bytes.
 */
function checkPostings(pool: PostingPool, termCount: number, documents: DocumentTable): void {
  const bytes = pool.bytes
  const fieldCount = documents.fieldCount
  const documentCount = documents.count
  const fieldLengths = documents.fieldLengths
  const maskLimit = 2 ** fieldCount
  const cursor = { offset: 0, end: 0 }
  for (let termId = 0; termId < termCount; termId++) {
    cursor.offset = pool.regionStart[termId]
    const end = cursor.offset + pool.regionLength[termId]
    cursor.end = end
    let docId = -1
    let postings = 0
    while (cursor.offset < end) {
      const gap = readCheckedVarint(bytes, cursor)
      docId += gap
      if (gap === 0 || docId >= documentCount) {
        throw new CorruptIndexError('saved index has a posting of an invalid document')
      }
      const mask = readCheckedVarint(bytes, cursor)
      if (mask === 0 || mask >= maskLimit) {
        throw new CorruptIndexError('saved index has a posting with invalid fields')
      }
      for (let field = 0; field < fieldCount; field++) {
        if ((mask & (1 << field)) === 0) continue
        const frequency = readCheckedVarint(bytes, cursor)
        if (frequency === 0 || frequency > fieldLengths[docId * fieldCount + field]) {
          throw new CorruptIndexError('saved index has a posting with an invalid term frequency')
        }
        // Positions: only their byte boundaries matter here (any value is a readable position).
        let offset = cursor.offset
        for (let remaining = frequency; remaining > 0; ) {
          if (offset >= end) throw new CorruptIndexError('saved index has a truncated posting')
          if (bytes[offset++] < 0x80) remaining--
        }
        cursor.offset = offset
      }
      postings++
    }
    if (postings !== pool.docFrequency[termId] || docId !== pool.lastDocId[termId]) {
      throw new CorruptIndexError('saved index postings disagree with their term statistics')
    }
  }
}

/** A varint (below 2^35) that must end inside `[cursor.offset, cursor.end)`; advances the cursor. */
function readCheckedVarint(bytes: Uint8Array, cursor: { offset: number; end: number }): number {
  let offset = cursor.offset
  let value = 0
  let multiplier = 1
  for (let i = 0; i < 5; i++) {
    if (offset >= cursor.end) throw new CorruptIndexError('saved index has a truncated posting')
    const byte = bytes[offset++]
    value += (byte & 0x7f) * multiplier
    if (byte < 0x80) {
      cursor.offset = offset
      return value
    }
    multiplier *= 0x80
  }
  throw new CorruptIndexError('saved index has a malformed posting')
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
