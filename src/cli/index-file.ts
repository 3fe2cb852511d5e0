/**
 * Reading and writing `.kavosh` files for the commands: maps file-system and format failures to exit
 * codes (missing → 2, corrupt → 3, newer format → 4, unwritable → 5) and writes atomically, so a failed
 * or interrupted run never leaves half a file. Owns no index logic.
 */

import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { CorruptIndexError, IncompatibleIndexError } from '../errors'
import { FORMAT_VERSION, loadIndex } from '../persist/index-file'
import { indexedFieldCount, SearchIndex } from '../search-index'
import { CliError, ExitCode } from './exit-codes'
import { describeFsError } from './read-documents'

/** Reads an index file's bytes; a missing or unreadable file is bad input (exit 2). */
export async function readIndexBytes(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path.resolve(cwd, file)))
  } catch (error) {
    throw new CliError(
      ExitCode.BadInput,
      `cannot read index ${file}: ${describeFsError(error as NodeJS.ErrnoException)}`,
    )
  }
}

/** Loads a saved index, turning format errors into exit codes 3 and 4. */
export function loadSearchIndex(bytes: Uint8Array, file: string): SearchIndex {
  try {
    return SearchIndex.load(bytes)
  } catch (error) {
    throw asIndexFileError(error, file)
  }
}

function asIndexFileError(error: unknown, file: string): unknown {
  if (error instanceof IncompatibleIndexError)
    return new CliError(ExitCode.IncompatibleIndex, `${file}: ${error.message}`)
  if (error instanceof CorruptIndexError)
    return new CliError(ExitCode.CorruptIndex, `${file} is not a valid kavosh index: ${error.message}`)
  return error
}

/** What `kavosh stats` reports about a saved index. */
export interface IndexDescription {
  formatVersion: number
  fileBytes: number
  documents: number
  removedDocuments: number
  terms: number
  languages: { fa: number; ar: number }
  /** The build settings saved in the file (fields, stored fields, boosts, ranking, …). */
  settings: Record<string, unknown>
}

/**
 * Describes a saved index. `SearchIndex` has no public statistics yet, so this reads the saved layout
 * through the persistence layer (the same validation as `SearchIndex.load`).
 */
export function describeIndex(bytes: Uint8Array, file: string): IndexDescription {
  try {
    const { options, inverted } = loadIndex(bytes, (saved) => ({
      fieldCount: indexedFieldCount({
        fields: Array.isArray(saved.fields) ? saved.fields : [],
        leadWords: typeof saved.leadWords === 'number' ? saved.leadWords : 0,
      }),
      storedFieldCount: Array.isArray(saved.storeFields) ? saved.storeFields.length : 0,
    }))
    const documents = inverted.documents
    const counts = inverted.languageDocCounts
    return {
      formatVersion: bytes[4] | (bytes[5] << 8),
      fileBytes: bytes.length,
      documents: documents.liveCount,
      removedDocuments: documents.count - documents.liveCount,
      terms: inverted.dictionary.size,
      languages: { fa: counts[1] ?? 0, ar: counts[2] ?? 0 },
      settings: options,
    }
  } catch (error) {
    throw asIndexFileError(error, file)
  }
}

/** The newest index format this build reads. */
export const SUPPORTED_FORMAT_VERSION = FORMAT_VERSION

/**
 * Writes `bytes` to `file` through a temporary file in the same folder and a rename, so readers never
 * see a partial index. Failures are exit code 5.
 */
export async function writeFileAtomically(file: string, bytes: Uint8Array, cwd: string): Promise<void> {
  const target = path.resolve(cwd, file)
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    await writeFile(temporary, bytes)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {})
    throw new CliError(
      ExitCode.OutputError,
      `cannot write ${file}: ${describeFsError(error as NodeJS.ErrnoException)}`,
    )
  }
}
