/**
 * Turns the inputs of `kavosh index` (JSONL files, JSON array files, folders of .txt/.md files, `-` for
 * stdin) into a stream of documents and bad records, each with the file and line it came from. Owns input
 * discovery, format detection, decoding and per-record location; never indexes, never prints.
 */

import { createReadStream, type Dirent } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { CliError, ExitCode } from './exit-codes'
import {
  JsonArraySyntaxError,
  jsonArrayElements,
  lineOfSyntaxError,
  syntaxErrorMessage,
} from './json-elements'

/** Where a record came from. */
export interface SourceLocation {
  /** The file as the user named it (or as found under a folder they named); `<stdin>` for `-`. */
  file: string
  /** 1-based line, for JSONL lines and JSON array elements. */
  line?: number
  /** 0-based element index, for JSON arrays. */
  element?: number
}

/** A record read from the inputs: a document to index, or a bad record to report. */
export type InputRecord =
  | { kind: 'document'; document: Record<string, unknown>; location: SourceLocation }
  | { kind: 'error'; message: string; location: SourceLocation }

/** How one input is read. */
export type InputFormat = 'jsonl' | 'json' | 'text'

/** One input after discovery. */
export interface InputSource {
  /** Absolute path, or `-` for stdin. */
  path: string
  /** Name used in messages and, for text files, as the document id. */
  name: string
  /** `null` = decide from the content (stdin, unknown extension). */
  format: InputFormat | null
  /** Size in bytes, or null for stdin. */
  size: number | null
}

/** Bytes read so far over all inputs; the reader updates it as it goes (for progress). */
export interface ReadCounter {
  bytes: number
}

/** Options of {@link readRecords}. */
export interface ReadOptions {
  /** Field that receives the relative path of a .txt/.md file as its id. */
  idField: string
  stdin: NodeJS.ReadableStream
  counter: ReadCounter
  signal?: AbortSignal
}

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown'])
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson'])
const JSON_EXTENSIONS = new Set(['.json'])

/**
 * Finds the inputs named on the command line: files as they are, folders walked recursively for
 * .txt/.md files (sorted, hidden entries skipped). Throws `CliError(BadInput)` for a missing path.
 *
 * @example
 * ```ts
 * await discoverInputs(['news.jsonl', 'notes/'], process.cwd())
 * // → { sources: [{ path: '/…/news.jsonl', name: 'news.jsonl', format: 'jsonl', size: 1234 }, …], skippedFiles: 0 }
 * ```
 */
export async function discoverInputs(
  inputs: readonly string[],
  cwd: string,
): Promise<{ sources: InputSource[]; skippedFiles: string[] }> {
  const sources: InputSource[] = []
  const skippedFiles: string[] = []
  let stdinSeen = false
  for (const input of inputs) {
    if (input === '-') {
      if (stdinSeen) throw new CliError(ExitCode.Usage, '"-" (stdin) can be given only once')
      stdinSeen = true
      sources.push({ path: '-', name: '<stdin>', format: null, size: null })
      continue
    }
    const absolute = path.resolve(cwd, input)
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(ExitCode.BadInput, `cannot read ${input}: ${describeFsError(error)}`)
    })
    if (info.isDirectory()) {
      const before = sources.length
      await walkFolder(absolute, input, '', sources, skippedFiles)
      if (sources.length === before) skippedFiles.push(`${input} (no .txt or .md files)`)
    } else {
      sources.push({ path: absolute, name: input, format: formatOfName(input), size: info.size })
    }
  }
  return { sources, skippedFiles }
}

async function walkFolder(
  folder: string,
  shownFolder: string,
  relative: string,
  sources: InputSource[],
  skippedFiles: string[],
): Promise<void> {
  const entries: Dirent[] = await readdir(path.join(folder, relative), { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (entry.isDirectory()) {
      await walkFolder(folder, shownFolder, childRelative, sources, skippedFiles)
    } else if (entry.isFile() && TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      const absolute = path.join(folder, childRelative)
      const { size } = await stat(absolute)
      // The id is the path relative to the folder given, with "/" on every platform.
      sources.push({ path: absolute, name: childRelative, format: 'text', size })
    } else if (entry.isFile()) {
      skippedFiles.push(path.join(shownFolder, childRelative))
    }
  }
}

function formatOfName(name: string): InputFormat | null {
  const extension = path.extname(name).toLowerCase()
  if (JSONL_EXTENSIONS.has(extension)) return 'jsonl'
  if (JSON_EXTENSIONS.has(extension)) return 'json'
  if (TEXT_EXTENSIONS.has(extension)) return 'text'
  return null
}

/**
 * Reads the records of all `sources` in order. Bad records (invalid JSON, not an object, broken UTF-8)
 * are yielded as `{ kind: 'error' }` with their location; the reading goes on after them. An input that
 * cannot be read at all throws `CliError(BadInput)`.
 */
export async function* readRecords(
  sources: readonly InputSource[],
  options: ReadOptions,
): AsyncGenerator<InputRecord> {
  for (const source of sources) {
    const before = options.counter.bytes
    if (source.path === '-') {
      const text = await readStream(options.stdin, options.counter)
      yield* recordsOfText(text, null, source, options, 0)
    } else if (source.format === 'jsonl') {
      yield* recordsOfJsonlFile(source, options)
    } else {
      const bytes = await readFile(source.path).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(ExitCode.BadInput, `cannot read ${source.name}: ${describeFsError(error)}`)
      })
      const text = decodeUtf8(bytes)
      if (text === null) {
        options.counter.bytes += bytes.length
        yield { kind: 'error', message: 'not valid UTF-8 text', location: { file: source.name } }
        continue
      }
      yield* recordsOfText(text, source.format, source, options, bytes.length)
    }
    if (source.size !== null) options.counter.bytes = before + source.size
  }
}

async function* recordsOfJsonlFile(source: InputSource, options: ReadOptions): AsyncGenerator<InputRecord> {
  const stream = createReadStream(source.path, { encoding: 'utf8' })
  const failure = new Promise<never>((_, reject) => {
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(new CliError(ExitCode.BadInput, `cannot read ${source.name}: ${describeFsError(error)}`)),
    )
  })
  failure.catch(() => {})
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  const start = options.counter.bytes
  let lineNumber = 0
  try {
    const iterator = lines[Symbol.asyncIterator]()
    for (;;) {
      const next = await Promise.race([iterator.next(), failure])
      if (next.done) break
      lineNumber++
      options.counter.bytes = start + stream.bytesRead
      const record = recordOfJsonLine(next.value, lineNumber, source.name)
      if (record !== null) yield record
      if (options.signal?.aborted) return
    }
  } finally {
    lines.close()
    stream.destroy()
  }
}

/** Records of a whole text: JSON array, single JSON object, JSONL, or one text document. */
function* recordsOfText(
  text: string,
  format: InputFormat | null,
  source: InputSource,
  options: ReadOptions,
  byteLength: number,
): Generator<InputRecord> {
  if (format === 'text') {
    yield {
      kind: 'document',
      document: textDocument(text, source.name, options.idField),
      location: { file: source.name },
    }
    return
  }
  const first = firstSignificantChar(text)
  if (first === '[') {
    yield* recordsOfJsonArray(text, source, options, byteLength)
    return
  }
  if (format === null && first !== '{' && first !== '') {
    throw new CliError(
      ExitCode.BadInput,
      `${source.name}: unknown format (expected JSON Lines, a JSON array, or a .txt/.md file)`,
    )
  }
  if (format === 'json' && first === '{') {
    // A .json file holding one object is one document; otherwise read it as JSON Lines.
    try {
      const value = JSON.parse(text) as unknown
      yield recordOfValue(value, { file: source.name, line: 1 })
      return
    } catch {}
  }
  let lineNumber = 0
  let lineStart = 0
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = text.length
    lineNumber++
    const record = recordOfJsonLine(text.slice(lineStart, lineEnd), lineNumber, source.name)
    if (record !== null) yield record
    lineStart = lineEnd + 1
  }
}

function* recordsOfJsonArray(
  text: string,
  source: InputSource,
  options: ReadOptions,
  byteLength: number,
): Generator<InputRecord> {
  const start = options.counter.bytes
  try {
    for (const element of jsonArrayElements(text)) {
      if (byteLength > 0)
        options.counter.bytes = start + Math.round((byteLength * element.offset) / text.length)
      const location = { file: source.name, line: element.line, element: element.index }
      let value: unknown
      try {
        value = JSON.parse(element.text)
      } catch (error) {
        yield {
          kind: 'error',
          message: `invalid JSON: ${syntaxErrorMessage(error)}`,
          location: { ...location, line: element.line + lineOfSyntaxError(element.text, error) - 1 },
        }
        continue
      }
      yield recordOfValue(value, location)
      if (options.signal?.aborted) return
    }
  } catch (error) {
    if (!(error instanceof JsonArraySyntaxError)) throw error
    yield {
      kind: 'error',
      message: `invalid JSON array: ${error.message}; the rest of the file was not read`,
      location: { file: source.name, line: error.line },
    }
  }
}

function recordOfJsonLine(line: string, lineNumber: number, file: string): InputRecord | null {
  const trimmed = lineNumber === 1 ? line.replace(/^\uFEFF/, '').trim() : line.trim()
  if (trimmed === '') return null
  const location = { file, line: lineNumber }
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (error) {
    return { kind: 'error', message: `invalid JSON: ${syntaxErrorMessage(error)}`, location }
  }
  return recordOfValue(value, location)
}

function recordOfValue(value: unknown, location: SourceLocation): InputRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
    return { kind: 'error', message: `expected a JSON object, got ${kind}`, location }
  }
  return { kind: 'document', document: value as Record<string, unknown>, location }
}

/**
 * The document of one .txt/.md file: `{ [idField]: relative path, title?, text }`; a Markdown file's
 * first `# heading` is its title.
 */
export function textDocument(text: string, name: string, idField: string): Record<string, unknown> {
  const body = text.replace(/^\uFEFF/, '')
  const document: Record<string, unknown> = { [idField]: name }
  if (/\.(md|markdown)$/i.test(name)) {
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)
    if (heading !== null) document.title = heading[1]
  }
  document.text = body
  return document
}

function firstSignificantChar(text: string): string {
  const match = /[^\s\uFEFF]/.exec(text)
  return match === null ? '' : match[0]
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

async function readStream(stream: NodeJS.ReadableStream, counter: ReadCounter): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    chunks.push(buffer)
    counter.bytes += buffer.length
  }
  const text = decodeUtf8(Buffer.concat(chunks))
  if (text === null) throw new CliError(ExitCode.BadInput, '<stdin>: not valid UTF-8 text')
  return text
}

/** A short reason for a failed file operation. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a folder'
    case 'ENOSPC':
      return 'no space left on the device'
    default:
      return error.message
  }
}

/** `file:line` (and the array element) for messages. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file
  if (location.line !== undefined) text += `:${location.line}`
  if (location.element !== undefined) text += ` (element ${location.element})`
  return text
}
