/**
 * `kavosh stats`: what a saved index holds (documents, terms, size, languages) and how it was built
 * (fields, stored fields, boosts, language, stemming, ranking). Owns only this report.
 */

import type { ExitCodeValue } from '../exit-codes'
import { ExitCode } from '../exit-codes'
import { describeIndex, type IndexDescription, readIndexBytes } from '../index-file'
import type { CliIo } from '../io'
import { formatBytes, formatCount } from '../progress'

/** Runs `kavosh stats`; returns the exit code. */
export async function statsCommand(
  indexFile: string,
  options: { json: boolean },
  io: CliIo,
): Promise<ExitCodeValue> {
  const description = describeIndex(await readIndexBytes(indexFile, io.cwd), indexFile)
  if (options.json) io.stdout.write(`${JSON.stringify({ file: indexFile, ...description }, null, 2)}\n`)
  else io.stdout.write(formatStats(indexFile, description))
  return ExitCode.Ok
}

/** The report as aligned `label  value` lines. */
export function formatStats(file: string, d: IndexDescription): string {
  const settings = d.settings as {
    fields?: string[]
    storeFields?: string[]
    idField?: string
    language?: string
    languageField?: string
    boost?: Record<string, number>
    stem?: boolean
    stopWords?: boolean
    maxFieldLength?: number
    ranking?: Record<string, unknown>
  }
  const count = formatCount
  const fields = (settings.fields ?? [])
    .map((field) => {
      const boost = settings.boost?.[field]
      return boost !== undefined && boost !== 1 ? `${field} (boost ${boost})` : field
    })
    .join(', ')
  const other = d.documents - d.languages.fa - d.languages.ar
  const languages = [
    d.languages.fa > 0 ? `fa ${count(d.languages.fa)}` : '',
    d.languages.ar > 0 ? `ar ${count(d.languages.ar)}` : '',
    other > 0 ? `neither ${count(other)}` : '',
  ].filter((part) => part !== '')
  const rows: [string, string][] = [
    ['file', `${file} (${formatBytes(d.fileBytes)}, format version ${d.formatVersion})`],
    [
      'documents',
      count(d.documents) +
        (d.removedDocuments > 0 ? ` (+${count(d.removedDocuments)} removed, not compacted)` : ''),
    ],
    ['terms', count(d.terms)],
    ['languages', languages.length > 0 ? languages.join(', ') : 'none'],
    ['fields', fields],
    ['stored', (settings.storeFields ?? []).join(', ') || '(none)'],
    ['id field', settings.idField ?? 'id'],
    [
      'language',
      `${settings.language ?? 'auto'}${settings.languageField ? ` (per document: field "${settings.languageField}")` : ''}`,
    ],
    ['stemming', settings.stem === false ? 'off' : 'on'],
    ['stop words', settings.stopWords === false ? 'kept' : 'dropped'],
    ['ranking', formatRanking(settings.ranking)],
  ]
  if (settings.maxFieldLength !== undefined)
    rows.push(['max field', `${count(settings.maxFieldLength)} characters`])
  const width = Math.max(...rows.map(([label]) => label.length)) + 2
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}\n`).join('')
}

function formatRanking(ranking: Record<string, unknown> | undefined): string {
  if (ranking === undefined) return 'default'
  return Object.entries(ranking)
    .map(([name, value]) =>
      value !== null && typeof value === 'object'
        ? `${name} ${Object.entries(value as Record<string, unknown>)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : `${name} ${value}`,
    )
    .join(', ')
}
