/**
 * `kavosh analyze`: shows what kavosh makes of a text (the detected language, the normalised text, and
 * each index term with the word as written and its offsets), or with `--query` how a query is expanded.
 * A debugging aid: "why doesn't X find Y" is answered by comparing the terms of both. Owns only this
 * report.
 */

import { analyze, analyzeQuery, detectLanguage, normalize } from '../../analysis/index'
import type { Language } from '../../analysis/types'
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes'
import type { CliIo } from '../io'
import { ltrCells, padCell, sanitizeForTerminal, type TextStyle } from '../terminal-text'

/** Options of `kavosh analyze`. */
export interface AnalyzeCommandOptions {
  lang: Language
  stem: boolean
  stopWords: boolean
  query: boolean
  json: boolean
}

/** Runs `kavosh analyze`; text comes from the arguments, or stdin when none (or `-`) is given. */
export async function analyzeCommand(
  words: string[],
  options: AnalyzeCommandOptions,
  io: CliIo,
): Promise<ExitCodeValue> {
  let text: string
  if (words.length === 0 || (words.length === 1 && words[0] === '-')) {
    if (io.stdin.isTTY === true)
      throw new CliError(ExitCode.Usage, 'give the text to analyze as an argument, or pipe it in')
    text = await readAll(io.stdin)
  } else text = words.join(' ')
  const analysisOptions = { language: options.lang, stem: options.stem, stopWords: options.stopWords }
  const detected = detectLanguage(text)
  if (options.query) {
    const clauses = analyzeQuery(text, analysisOptions)
    if (options.json) io.stdout.write(`${JSON.stringify({ text, detected, clauses }, null, 2)}\n`)
    else io.stdout.write(formatClauses(text, clauses, styleOf(io)))
    return ExitCode.Ok
  }
  const tokens = analyze(text, analysisOptions)
  const normalized = normalize(text)
  if (options.json) {
    const terms = tokens.map((token) => ({ ...token, word: text.slice(token.start, token.end) }))
    io.stdout.write(`${JSON.stringify({ text, detected, normalized, terms }, null, 2)}\n`)
    return ExitCode.Ok
  }
  const style = styleOf(io)
  let out = `${ltrCells(['language    ', detected === null ? 'not detected (no Persian- or Arabic-only letters)' : `${detected} (detected)`, options.lang === 'auto' ? '' : `, analysed as ${options.lang}`], style)}\n`
  out += `${ltrCells(['normalized  ', sanitizeForTerminal(normalized)], style)}\n`
  out += `terms       ${tokens.length}\n\n`
  const rows = tokens.map((token) => [
    String(token.position),
    sanitizeForTerminal(token.term),
    sanitizeForTerminal(text.slice(token.start, token.end)),
    `${token.start}–${token.end}`,
  ])
  const header = ['pos', 'term', 'as written', 'offsets']
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...rows.map((row) => [...row[column]].filter((c) => !/[\p{M}\p{Cf}]/u.test(c)).length),
    ),
  )
  for (const row of [header, ...rows]) {
    out += `${ltrCells(
      row.map((cell, column) => (column === row.length - 1 ? cell : padCell(cell, widths[column] + 2))),
      style,
    ).trimEnd()}\n`
  }
  io.stdout.write(out)
  return ExitCode.Ok
}

function formatClauses(text: string, clauses: ReturnType<typeof analyzeQuery>, style: TextStyle): string {
  let out = ''
  for (const clause of clauses) {
    const word = sanitizeForTerminal(text.slice(clause.start, clause.end))
    const alternatives = clause.alternatives.map((terms) =>
      terms.length > 1 ? `"${terms.join(' ')}"` : terms[0],
    )
    const cells = [clause.optional ? 'optional  ' : 'word      ', word, '  →  ']
    alternatives.forEach((alternative, i) => {
      cells.push(...(i > 0 ? [' | '] : []), sanitizeForTerminal(alternative))
    })
    out += `${ltrCells(cells, style)}\n`
  }
  return out
}

function styleOf(io: CliIo): TextStyle {
  return { color: false, directionMarks: io.stdout.isTTY === true }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
