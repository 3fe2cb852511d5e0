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
  /** Fields to store; default: the indexed fields and the language field. */
  store: string[] | undefined
  id: string
  lang: Language
  /** Field holding each document's language, or false. */
  langField: string | false
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
