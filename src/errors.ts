/**
 * Typed errors thrown by kavosh. Every error kavosh throws on purpose is a {@link KavoshError}, so callers
 * can tell "bad input / bad file" apart from bugs with one `instanceof` check. After any of these is thrown
 * the index is exactly as it was before the failed call.
 *
 * This module owns only the error classes; it must not import anything else from the library.
 */

/**
 * Base class of every error kavosh throws deliberately.
 *
 * @example
 * ```ts
 * try { index.add(doc) } catch (e) { if (e instanceof KavoshError) console.warn(e.code, e.message) }
 * ```
 */
export class KavoshError extends Error {
  /** A stable machine-readable code, e.g. `'DUPLICATE_ID'`. */
  readonly code: string
  constructor(message: string, code = 'KAVOSH_ERROR') {
    super(message)
    this.name = new.target.name
    this.code = code
  }
}

/** A document (or a field of it) is not acceptable: not an object, missing or bad id, non-string field, too long. */
export class InvalidDocumentError extends KavoshError {
  constructor(message: string) {
    super(message, 'INVALID_DOCUMENT')
  }
}

/** `add` of an id that is already in the index (use `replace` to update a document). */
export class DuplicateIdError extends KavoshError {
  /** The id that is already present. */
  readonly id: string | number
  constructor(id: string | number) {
    super(
      `a document with id ${JSON.stringify(id)} is already in the index (use replace() to update it)`,
      'DUPLICATE_ID',
    )
    this.id = id
  }
}

/** `remove` (or `replace`/`get`, where documented) of an id that is not in the index. */
export class UnknownIdError extends KavoshError {
  /** The id that was not found. */
  readonly id: string | number
  constructor(id: string | number) {
    super(`no document with id ${JSON.stringify(id)} is in the index`, 'UNKNOWN_ID')
    this.id = id
  }
}

/** Options passed to a constructor or method are invalid (unknown field, bad number, wrong type). */
export class InvalidOptionsError extends KavoshError {
  constructor(message: string) {
    super(message, 'INVALID_OPTIONS')
  }
}

/** Bytes given to `SearchIndex.load` are not a valid kavosh index: truncated, corrupted, empty or foreign. */
export class CorruptIndexError extends KavoshError {
  constructor(message: string) {
    super(message, 'CORRUPT_INDEX')
  }
}

/**
 * A saved index was written in a format version this kavosh does not read: a newer one (upgrade kavosh),
 * or an older one that is no longer read (rebuild the index from the documents).
 */
export class IncompatibleIndexError extends KavoshError {
  /** The format version found in the file. */
  readonly version: number
  constructor(version: number, supported: number) {
    super(
      version < supported
        ? `saved index has format version ${version}, written by an older kavosh; this kavosh reads version ${supported} (rebuild the index)`
        : `saved index has format version ${version}; this kavosh reads version ${supported} (upgrade kavosh or rebuild the index)`,
      'INCOMPATIBLE_INDEX',
    )
    this.version = version
  }
}

/** A long-running operation (e.g. `addAllAsync`) was cancelled through its `AbortSignal`. */
export class AbortError extends KavoshError {
  constructor(message = 'the operation was aborted') {
    super(message, 'ABORTED')
  }
}
