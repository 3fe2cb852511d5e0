/**
 * `kavosh search`: loads a saved index, runs one query with filters, sorting, prefix/fuzzy options and
 * highlighting, and prints the hits for people (coloured or bracketed matches, right-to-left safe) or as
 * JSON for programs. Owns the command's options and output layout; rendering of RTL text is in
 * `terminal-text.ts`.
 */

import { InvalidOptionsError } from '../../errors'
import type { Highlight, SearchHit, SearchIndex, SearchOptions, SortOrder } from '../../search-index'
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes'
import { describeIndex, loadSearchIndex, readIndexBytes } from '../index-file'
import { type CliIo, terminalWidth, useColor } from '../io'
import { formatCount } from '../progress'
import {
  dim,
  ltrCells,
  renderLine,
  type Segment,
  sanitizeForTerminal,
  snippetSegments,
  type TextStyle,
  wrapSegments,
} from '../terminal-text'

/** Options of `kavosh search`, as parsed from the command line. */
export interface SearchCommandOptions {
  limit: number
  offset: number
  json: boolean
  /** Fields to search (default: all indexed fields). */
  fields: string[] | undefined
  /** `field=value` pairs: values of one field are alternatives, different fields must all match. */
  filter: string[]
  /** `field`, `field:asc`, `field:desc` or `-field`. */
  sort: string | undefined
  prefix: boolean
  fuzzy: boolean | number
  and: boolean
  /** Target snippet length in characters. */
  snippet: number
  color: boolean | undefined
}

/** Stored fields shown as the hit's heading, first found wins. */
const TITLE_FIELDS = ['title', 'name', 'headline', 'subject']
/** Stored values longer than this are not shown on the meta line. */
const META_VALUE_LIMIT = 60

/** Runs `kavosh search`; returns the exit code. */
export async function searchCommand(
  indexFile: string,
  query: string,
  options: SearchCommandOptions,
  io: CliIo,
): Promise<ExitCodeValue> {
  const bytes = await readIndexBytes(indexFile, io.cwd)
  const index = loadSearchIndex(bytes, indexFile)
  const filter = parseFilters(options.filter)
  const searchOptions: SearchOptions = {
    limit: options.limit,
    offset: options.offset,
    fields: options.fields,
    prefix: options.prefix,
    fuzzy: options.fuzzy,
    combineWith: options.and ? 'and' : 'or',
    sort: parseSort(options.sort),
    highlight: { length: options.snippet },
    filter: filter?.test,
  }
  let hits: SearchHit[]
  const started = performance.now()
  // search() would just find nothing for a filter on a field that is not stored: say so instead.
  if (filter !== null) checkFilterFields(index, filter.fields, bytes, indexFile)
  try {
    hits = index.search(query, searchOptions)
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw new CliError(ExitCode.Usage, error.message)
    throw error
  }
  const tookMs = performance.now() - started
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ query, count: hits.length, tookMs: round(tookMs, 3), hits }, null, 2)}\n`,
    )
    return ExitCode.Ok
  }
  const style: TextStyle = {
    color: useColor(io.stdout, io.env, options.color),
    directionMarks: io.stdout.isTTY === true,
  }
  io.stdout.write(formatHits(hits, query, tookMs, index, style, terminalWidth(io.stdout)))
  return ExitCode.Ok
}

/**
 * Throws a usage error naming the first `--filter` field that `index` does not store, with the fields it
 * does store (read from the file's settings only on this error path).
 */
function checkFilterFields(index: SearchIndex, fields: readonly string[], bytes: Uint8Array, file: string) {
  for (const field of fields) {
    try {
      index.facets('', [field]) // an empty query: only checks that the field is stored
    } catch (error) {
      if (!(error instanceof InvalidOptionsError)) throw error
      const stored = describeIndex(bytes, file).settings.storeFields
      const list = Array.isArray(stored) && stored.length > 0 ? stored.join(', ') : '(none)'
      throw new CliError(
        ExitCode.Usage,
        `--filter: ${JSON.stringify(field)} is not a stored field of ${file}; stored fields: ${list}`,
      )
    }
  }
}

/**
 * Human-readable hits: a heading line per hit (rank and title, or id), a dim line with id, score and the
 * short stored fields, then the highlighted snippets wrapped to `width`.
 */
export function formatHits(
  hits: readonly SearchHit[],
  query: string,
  tookMs: number,
  index: Pick<SearchIndex, 'size'>,
  style: TextStyle,
  width: number,
): string {
  const count = hits.length === 0 ? 'no hits' : hits.length === 1 ? '1 hit' : `${hits.length} hits`
  let out = `${ltrCells([`${count} for «`, sanitizeForTerminal(query), `» in ${round(tookMs, 1)} ms (${formatCount(index.size)} documents)`], style)}\n`
  const indent = '   '
  const textWidth = Math.max(20, width - indent.length)
  hits.forEach((hit, rank) => {
    const highlights = hit.highlights ?? {}
    const titleField = TITLE_FIELDS.find((field) => typeof hit[field] === 'string' && hit[field] !== '')
    const title = titleField === undefined ? String(hit.id) : (hit[titleField] as string)
    const titleSegments =
      titleField !== undefined && coversWhole(highlights[titleField], title)
        ? snippetSegments(title, highlights[titleField]!)
        : [{ text: sanitizeForTerminal(title), marked: false }]
    const number = `${rank + 1}.`.padEnd(indent.length)
    wrapSegments(titleSegments, textWidth).forEach((line, i) => {
      out += `${i === 0 ? number : indent}${renderLine(line, style)}\n`
    })
    out += `${indent}${dim(ltrCells(metaCells(hit, titleField, highlights), style), style)}\n`
    const snippetFields = Object.keys(highlights).filter((field) => field !== titleField)
    for (const field of snippetFields) {
      const original = hit[field]
      if (typeof original !== 'string') continue
      const segments: Segment[] = snippetSegments(original, highlights[field])
      if (snippetFields.length > 1) segments.unshift({ text: `${field}: `, marked: false })
      for (const line of wrapSegments(segments, textWidth)) out += `${indent}${renderLine(line, style)}\n`
    }
    out += '\n'
  })
  return out
}

function metaCells(
  hit: SearchHit,
  titleField: string | undefined,
  highlights: Record<string, Highlight>,
): string[] {
  const cells = [
    titleField === undefined ? '' : `${sanitizeForTerminal(String(hit.id))} · `,
    `score ${round(hit.score, 2)}`,
  ]
  for (const [field, value] of Object.entries(hit)) {
    if (field === 'id' || field === 'score' || field === 'match' || field === 'highlights') continue
    if (field === titleField || field in highlights) continue
    const shown = value instanceof Date ? value.toISOString() : value
    if (typeof shown !== 'string' && typeof shown !== 'number' && typeof shown !== 'boolean') continue
    const text = sanitizeForTerminal(String(shown))
    if (text === '' || text.length > META_VALUE_LIMIT) continue
    cells.push(` · ${field}: `, text)
  }
  return cells
}

function coversWhole(highlight: Highlight | undefined, text: string): boolean {
  return highlight !== undefined && highlight.start === 0 && highlight.end === text.length
}

/**
 * `--filter source=irna --filter source=isna --filter lang=fa` → (source is irna or isna) and lang is fa.
 * Values compare as text; an array value matches when any element does.
 */
export function parseFilters(
  pairs: readonly string[],
): { fields: string[]; test: (document: Record<string, unknown>) => boolean } | null {
  if (pairs.length === 0) return null
  const wanted = new Map<string, Set<string>>()
  for (const pair of pairs) {
    const equals = pair.indexOf('=')
    if (equals <= 0)
      throw new CliError(ExitCode.Usage, `--filter expects field=value, got ${JSON.stringify(pair)}`)
    const field = pair.slice(0, equals)
    const values = wanted.get(field) ?? new Set<string>()
    values.add(pair.slice(equals + 1))
    wanted.set(field, values)
  }
  const entries = [...wanted.entries()]
  const matches = (value: unknown, values: Set<string>): boolean => {
    if (Array.isArray(value)) return value.some((element) => matches(element, values))
    if (value === undefined || value === null) return false
    return values.has(value instanceof Date ? value.toISOString() : String(value))
  }
  return {
    fields: entries.map(([field]) => field),
    test: (document) => entries.every(([field, values]) => matches(document[field], values)),
  }
}

/** `date` / `date:asc` → ascending, `date:desc` / `-date` → descending. */
export function parseSort(sort: string | undefined): SortOrder | undefined {
  if (sort === undefined || sort === '') return undefined
  if (sort.startsWith('-')) return { field: sort.slice(1), order: 'desc' }
  const match = /^(.+?)(?::(asc|desc))?$/.exec(sort)!
  return { field: match[1], order: (match[2] as 'asc' | 'desc' | undefined) ?? 'asc' }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
