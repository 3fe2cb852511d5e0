/**
 * `kavosh index`: reads documents from JSONL/JSON/folders/stdin, indexes them while reading, reports
 * every bad record with its file and line, and writes the saved index atomically. Owns the command's
 * flow and messages; reading, progress and file writing live in their own modules.
 */

import type { Language } from '../../analysis/types'
import { DuplicateIdError, InvalidOptionsError, KavoshError } from '../../errors'
import { SearchIndex, type SearchIndexOptions } from '../../search-index'
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes'
import { writeFileAtomically } from '../index-file'
import type { CliIo } from '../io'
import { createProgress, formatBytes, formatCount } from '../progress'
import { discoverInputs, formatLocation, type ReadCounter, readRecords } from '../read-documents'

/** Options of `kavosh index`, as parsed from the command line. */
export interface IndexCommandOptions {
  output: string
  /** Fields to index. */
  fields: string[]
  /** Whether `fields` was given (`--fields`) rather than the default. */
  fieldsGiven?: boolean
  /** Fields to store; default: the indexed fields and the language field. */
  store: string[] | undefined
  id: string
  lang: Language
  /** Field holding each document's language, or false. */
  langField: string | false
  /** Whether `langField` was given (`--lang-field`) rather than the default. */
  langFieldGiven?: boolean
  boost: Record<string, number>
  stem: boolean
  stopWords: boolean
  strict: boolean
  quiet: boolean
  progress: boolean
  /** Most bad records printed one by one (the rest are counted). */
  maxErrors: number
}

/** Runs `kavosh index`; returns the exit code (0, or 2 when records were skipped). */
export async function indexCommand(
  inputs: string[],
  options: IndexCommandOptions,
  io: CliIo,
): Promise<ExitCodeValue> {
  const started = performance.now()
  if (inputs.length === 0 && io.stdin.isTTY === true) {
    throw new CliError(
      ExitCode.Usage,
      'give input files or folders, or pipe documents in (see kavosh index --help)',
    )
  }
  const { sources, skippedFiles } = await discoverInputs(inputs.length > 0 ? inputs : ['-'], io.cwd)
  const langField = options.langField === false ? undefined : options.langField
  const storeFields = options.store ?? [
    ...new Set([...options.fields, ...(langField === undefined ? [] : [langField])]),
  ]
  const indexOptions: SearchIndexOptions = {
    fields: options.fields,
    storeFields,
    idField: options.id,
    language: options.lang,
    languageField: langField,
    boost: options.boost,
    stem: options.stem,
    stopWords: options.stopWords,
  }
  let index: SearchIndex
  try {
    index = new SearchIndex(indexOptions)
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw new CliError(ExitCode.Usage, error.message)
    throw error
  }

  const knownSizes = sources.every((source) => source.size !== null)
  const totalBytes = knownSizes ? sources.reduce((sum, source) => sum + (source.size ?? 0), 0) : null
  const counter: ReadCounter = { bytes: 0 }
  const progress = createProgress(io.stderr, { quiet: options.quiet || !options.progress })
  // Bad records are printed even with --quiet (the quiet reporter still logs): never dropped silently.
  const report = (line: string) => progress.log(line)
  const fieldCheck = new FieldPresence(namedFields(options, langField), options.fields)
  let docs = 0
  let errors = 0
  let lastTick = performance.now()
  const badRecord = (where: string, message: string) => {
    errors++
    if (errors <= options.maxErrors) report(`${where}: ${options.strict ? '' : 'skipped: '}${message}`)
  }
  try {
    for await (const record of readRecords(sources, {
      idField: options.id,
      stdin: io.stdin,
      counter,
      signal: io.signal,
    })) {
      if (record.kind === 'error') badRecord(formatLocation(record.location), record.message)
      else {
        try {
          index.add(record.document)
          docs++
          fieldCheck.see(record.document)
        } catch (error) {
          if (!(error instanceof KavoshError)) throw error
          const message =
            error instanceof DuplicateIdError
              ? `duplicate id ${JSON.stringify(error.id)} (an earlier record has it)`
              : error.message
          badRecord(formatLocation(record.location), message)
        }
      }
      if (options.strict && errors > 0) {
        throw new CliError(
          ExitCode.BadInput,
          'stopped at the first bad record (--strict); nothing was written',
        )
      }
      const now = performance.now()
      if (now - lastTick >= 100) {
        lastTick = now
        progress.update({ docs, bytes: counter.bytes, totalBytes, errors })
        // Let the bar redraw and Ctrl-C be handled during long synchronous stretches.
        await new Promise((resolve) => setImmediate(resolve))
      }
      if (io.signal?.aborted) throw new CliError(ExitCode.Interrupted, 'interrupted; nothing was written')
    }
    progress.update({ docs, bytes: totalBytes ?? counter.bytes, totalBytes, errors })
  } finally {
    progress.stop()
  }
  if (errors > options.maxErrors) {
    io.stderr.write(
      `… and ${errors - options.maxErrors} more bad records (raise --max-errors to list them)\n`,
    )
  }
  if (docs === 0) {
    throw new CliError(
      ExitCode.BadInput,
      errors > 0
        ? `no valid documents (${errors} bad records); nothing was written`
        : 'no documents found in the input; nothing was written',
    )
  }
  const absent = fieldCheck.warnings()
  // Printed even with --quiet, like bad records: a field in no document is most likely a typo.
  if (absent.length > 0) {
    for (const line of absent) io.stderr.write(`warning: ${line}\n`)
    io.stderr.write(`note: ${fieldCheck.presentFields()}\n`)
  }
  if (options.strict && absent.length > 0) {
    throw new CliError(
      ExitCode.BadInput,
      'a field named in the options is in no document (--strict); nothing was written',
    )
  }
  const bytes = index.save()
  await writeFileAtomically(options.output, bytes, io.cwd)
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    io.stderr.write(
      `indexed ${formatCount(docs)} documents (${formatBytes(counter.bytes)} read) in ${seconds} s → ${options.output} (${formatBytes(bytes.length)})\n`,
    )
    if (skippedFiles.length > 0) {
      const shown = skippedFiles.slice(0, 5).join(', ')
      const more = skippedFiles.length > 5 ? `, … (${skippedFiles.length - 5} more)` : ''
      io.stderr.write(
        `note: ignored ${skippedFiles.length} file${skippedFiles.length === 1 ? '' : 's'} in folders (not .txt/.md): ${shown}${more}\n`,
      )
    }
  }
  if (errors > 0) {
    io.stderr.write(
      `warning: skipped ${errors} bad record${errors === 1 ? '' : 's'} (listed above); exit code 2\n`,
    )
    return ExitCode.BadInput
  }
  return ExitCode.Ok
}

/** Most field names listed in a warning about a field no document has. */
const LISTED_FIELDS = 20

/**
 * The fields the user named, with the option that named them: `--fields` (only when given: the default
 * `title,text` is checked as a whole by {@link FieldPresence}), `--store` and `--lang-field` when given.
 */
function namedFields(
  options: IndexCommandOptions,
  langField: string | undefined,
): { field: string; option: string }[] {
  const named: { field: string; option: string }[] = []
  if (options.fieldsGiven === true)
    for (const field of options.fields) named.push({ field, option: '--fields' })
  for (const field of options.store ?? []) named.push({ field, option: '--store' })
  if (options.langFieldGiven === true && langField !== undefined)
    named.push({ field: langField, option: '--lang-field' })
  return named
}

/**
 * Notes which named fields the indexed documents hold (a value other than undefined or null), and, until
 * every one is found, the fields they do hold, for the warning. A field absent from some documents only
 * is fine; one absent from all of them is reported.
 */
class FieldPresence {
  private readonly unseen: Set<string>
  private readonly indexedUnseen: Set<string>
  private readonly present = new Set<string>()

  constructor(
    private readonly named: readonly { field: string; option: string }[],
    private readonly indexed: readonly string[],
  ) {
    this.unseen = new Set(named.map(({ field }) => field))
    this.indexedUnseen = new Set(indexed)
  }

  see(document: Record<string, unknown>): void {
    if (this.unseen.size === 0 && this.indexedUnseen.size === 0) return
    for (const [field, value] of Object.entries(document)) {
      if (value === undefined || value === null) continue
      this.present.add(field)
      this.unseen.delete(field)
      this.indexedUnseen.delete(field)
    }
  }

  /** One line per named field no document holds, and one when no indexed field is in any document. */
  warnings(): string[] {
    const lines = this.named
      .filter(
        ({ field }, i) => this.unseen.has(field) && this.named.findIndex((n) => n.field === field) === i,
      )
      .map(({ field, option }) => `no document has the field ${JSON.stringify(field)} (${option})`)
    if (this.indexedUnseen.size === this.indexed.length) {
      lines.push(
        `none of the indexed fields (${this.indexed.join(', ')}) is in any document: the index holds no searchable text (choose the fields with --fields)`,
      )
    }
    return lines
  }

  /** The fields the documents hold, for the note after the warnings. */
  presentFields(): string {
    const have = [...this.present]
    if (have.length === 0) return 'the documents have no fields with values'
    const more = have.length > LISTED_FIELDS ? `, … (${have.length - LISTED_FIELDS} more)` : ''
    return `the documents have the fields: ${have.slice(0, LISTED_FIELDS).join(', ')}${more}`
  }
}
