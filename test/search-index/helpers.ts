/**
 * Test helpers for the search engine: the seed articles, a random-corpus generator and a brute-force
 * reference scorer that computes the documented ranking formula (src/query/ranking.ts) naively, from
 * token lists of every document, with no inverted index.
 */

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyze, analyzeQuery } from '../../src/analysis/index'
import { DEFAULT_LEAD_WORDS, DEFAULT_RANKING } from '../../src/index'
import { MIN_LEAD_WORDS } from '../../src/search-index'

/** The shared corpora beside the repository (or KAVOSH_CORPORA). */
export const CORPORA_DIR =
  process.env.KAVOSH_CORPORA ??
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora')
export const SEEDS_PATH = join(CORPORA_DIR, 'seeds', 'docs.jsonl')

export interface SeedDocument {
  id: string
  lang: 'fa' | 'ar'
  title?: string
  text: string
}

/** The seed articles, or null (with a console note) when the corpus is not on this machine. */
export function loadSeeds(): SeedDocument[] | null {
  if (!existsSync(SEEDS_PATH)) {
    console.warn(`skipping seed-article tests: ${SEEDS_PATH} is not present`)
    return null
  }
  return readFileSync(SEEDS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as SeedDocument)
}

/** Persian words for random corpora; a few are stop words (they take positions but are not indexed). */
export const VOCABULARY = [
  'باغ',
  'دریا',
  'کوه',
  'ابر',
  'باران',
  'شهر',
  'خانه',
  'کتاب',
  'دفتر',
  'قلم',
  'میز',
  'ماه',
  'ستاره',
  'رود',
  'جنگل',
  'پدر',
  'بدر',
  'مادر',
  'درخت',
  'سیب',
  'نان',
  'آتش',
  'بس',
  'در',
  'و',
  'از',
]

export interface RandomDocument {
  id: number
  title: string
  body: string
}

export interface ReferenceOptions {
  fields: string[]
  boosts: number[]
  k1: number
  b: number
  proximityWeight: number
  proximityWindow: number
  /** Exponent of the coordination factor; default 0 (as the engine's default). */
  coordination?: number
  combineWith: 'or' | 'and'
  language: 'fa' | 'ar'
  /**
   * Lead words per field (`SearchIndexOptions.leadWords`); default the index's default. The model's
   * lead field: the words at positions below it (and below half the field's length, or MIN_LEAD_WORDS) of
   * each field, field after field, apart by one position.
   */
  leadWords?: number
  /** Weight of the lead field (`ranking.leadBoost`); default the index's default. */
  leadBoost?: number
  /** Weight of the title-match bonus (`ranking.titleMatch`); default the index's default. */
  titleMatch?: number
  /** The title-match bonus's field (`ranking.titleField`); default `'title'` when it is one of `fields`. */
  titleField?: string | null
  /**
   * Removed documents the index has not compacted away yet: they count in N and df (see
   * src/query/ranking.ts) but never match. Default none.
   */
  removed?: readonly object[]
}

interface AnalysedDocument {
  id: string | number
  /** terms[f][position] = term or undefined. */
  fields: Map<number, string>[]
  lengths: number[]
}

/**
 * Naive BM25F + proximity (+ coordination when asked) over all documents, for plain-word queries (no syntax), exactly
 * as documented in src/query/ranking.ts. Returns hits sorted best first (ties: insertion order).
 */
export function referenceSearch(
  documents: readonly object[],
  query: string,
  options: ReferenceOptions,
): { id: string | number; score: number }[] {
  const leadWords = options.leadWords ?? DEFAULT_LEAD_WORDS
  // The indexed fields, then the lead field (when there is one): proximity reads the indexed fields only.
  const fieldBoosts =
    leadWords > 0 ? [...options.boosts, options.leadBoost ?? DEFAULT_RANKING.leadBoost] : options.boosts
  const positionalFields = options.fields.length
  const titleMatch = options.titleMatch ?? DEFAULT_RANKING.titleMatch
  const titleName = options.titleField === undefined ? 'title' : options.titleField
  const titleField = titleName === null ? -1 : options.fields.indexOf(titleName)
  const analyseDocument = (document: object): AnalysedDocument => {
    const fields = options.fields.map((field) => {
      const positions = new Map<number, string>()
      const value = (document as Record<string, unknown>)[field]
      const text = typeof value === 'string' ? value : ''
      for (const token of analyze(text, { language: options.language }))
        positions.set(token.position, token.term)
      return positions
    })
    if (leadWords > 0) {
      const lead = new Map<number, string>()
      fields.forEach((field, f) => {
        // At most half the field (its last term's position + 1), but at least MIN_LEAD_WORDS words.
        const fieldWords = field.size === 0 ? 0 : Math.max(...field.keys()) + 1
        const limit = Math.min(leadWords, Math.max(MIN_LEAD_WORDS, Math.floor(fieldWords / 2)))
        for (const [position, term] of field)
          if (position < limit) lead.set(f * (leadWords + 1) + position, term)
      })
      fields.push(lead)
    }
    return {
      id: (document as { id: string | number }).id,
      fields,
      lengths: fields.map((field) => field.size),
    }
  }
  const analysed = documents.map(analyseDocument)
  const removed = (options.removed ?? []).map(analyseDocument)
  const N = analysed.length + removed.length
  const documentFrequency = new Map<string, number>()
  for (const document of [...analysed, ...removed]) {
    const seen = new Set<string>()
    for (const field of document.fields) for (const term of field.values()) seen.add(term)
    for (const term of seen) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  }
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0
    return Math.log(1 + (N - df + 0.5) / (df + 0.5))
  }
  // Over the live documents that have the field (Lucene's avgdl): an empty field is not a short one.
  const averages = fieldBoosts.map((_, f) => {
    const having = analysed.filter((document) => document.lengths[f] > 0)
    return having.length === 0
      ? 0
      : having.reduce((sum, document) => sum + document.lengths[f], 0) / having.length
  })
  const clauses = analyzeQuery(query, {
    language: options.language,
    hasTerm: (term) => documentFrequency.has(term),
  })
  const required = clauses.filter((clause) => !clause.optional)
  const optional = clauses
    .filter((clause) => clause.optional)
    .map((clause) => ({
      clause,
      covers: required.filter((r) => r.start >= clause.start && r.end <= clause.end),
    }))
    .filter((entry) => entry.covers.length > 0)
  const ordered = [...required, ...optional.map((entry) => entry.clause)]
  if (required.length === 0) return []

  const starts = (document: AnalysedDocument, f: number, terms: string[]): number[] => {
    const result: number[] = []
    for (const [position, term] of document.fields[f]) {
      if (term !== terms[0]) continue
      if (terms.every((t, k) => document.fields[f].get(position + k) === t)) result.push(position)
    }
    return result.sort((a, b) => a - b)
  }

  const hits: { id: string | number; score: number; order: number }[] = []
  analysed.forEach((document, order) => {
    const factors = fieldBoosts.map((boost, f) => {
      const norm = averages[f] > 0 ? 1 - options.b + (options.b * document.lengths[f]) / averages[f] : 1
      return boost / norm
    })
    const scores: number[] = []
    const best: (string[] | null)[] = []
    for (const clause of ordered) {
      let clauseScore = 0
      let bestTerms: string[] | null = null
      for (const terms of clause.alternatives) {
        if (terms.some((term) => !documentFrequency.has(term))) continue
        let weighted = 0
        fieldBoosts.forEach((_, f) => {
          // A field without the terms adds nothing (its factor is 0/0 for an empty field when b = 1).
          const tf = starts(document, f, terms).length
          if (tf > 0) weighted += tf * factors[f]
        })
        if (weighted <= 0) continue
        const alternativeIdf = Math.max(...terms.map(idf))
        const score = (alternativeIdf * weighted * (options.k1 + 1)) / (options.k1 + weighted)
        if (score > clauseScore) {
          clauseScore = score
          bestTerms = terms
        }
      }
      scores.push(clauseScore)
      best.push(bestTerms)
    }
    if (!scores.some((score) => score > 0)) return
    const satisfied = required.map((_, i) => scores[i] > 0)
    optional.forEach((entry, k) => {
      if (scores[required.length + k] > 0)
        for (const covered of entry.covers) satisfied[required.indexOf(covered)] = true
    })
    const satisfiedCount = satisfied.filter(Boolean).length
    if (options.combineWith === 'and' && satisfiedCount < required.length) return
    let sum = scores.reduce((a, b) => a + b, 0)
    // The title-match bonus: the best alternatives' BM25 in the title alone (each distinct one once), when
    // they cover all of it.
    if (titleMatch > 0 && titleField >= 0 && factors[titleField] > 0 && document.lengths[titleField] > 0) {
      let covered = 0
      let titleScore = 0
      const counted = new Set<string>()
      ordered.forEach((_, i) => {
        const terms = best[i]
        const key = terms?.join(' ') ?? ''
        if (terms === null || counted.has(key)) return
        const occurrences = starts(document, titleField, terms).length
        if (occurrences === 0) return
        counted.add(key)
        covered += occurrences * terms.length
        const tf = occurrences * factors[titleField]
        titleScore += (Math.max(...terms.map(idf)) * tf * (options.k1 + 1)) / (options.k1 + tf)
      })
      if (covered >= document.lengths[titleField]) sum += titleMatch * titleScore
    }
    let bonus = 0
    for (let i = 0; i + 1 < required.length; i++) {
      if (!(scores[i] > 0 && scores[i + 1] > 0)) continue
      const left = best[i]!
      const right = best[i + 1]!
      let closeness = 0
      for (let f = 0; f < positionalFields; f++) {
        if (factors[f] === 0) continue
        for (const a of starts(document, f, left)) {
          const aEnd = a + left.length - 1
          for (const b of starts(document, f, right)) {
            const bEnd = b + right.length - 1
            if (b > aEnd && b - aEnd <= options.proximityWindow)
              closeness = Math.max(closeness, 1 / (b - aEnd))
            if (bEnd < a && a - bEnd <= options.proximityWindow)
              closeness = Math.max(closeness, 0.5 / (a - bEnd))
          }
        }
      }
      bonus += closeness * Math.min(scores[i], scores[i + 1])
    }
    // A document lacking some of the query's words: the bonus times the share of their idf it holds.
    if (satisfiedCount < required.length) {
      const clauseIdf = required.map((clause) =>
        Math.max(
          0,
          ...clause.alternatives
            .filter((terms) => terms.every((term) => documentFrequency.has(term)))
            .map((terms) => Math.max(...terms.map(idf))),
        ),
      )
      const total = clauseIdf.reduce((a, b) => a + b, 0)
      const held = clauseIdf.reduce((a, b, i) => a + (satisfied[i] ? b : 0), 0)
      if (total > 0) bonus *= held / total
    }
    sum += options.proximityWeight * bonus
    const coordination = (satisfiedCount / required.length) ** (options.coordination ?? 0)
    hits.push({ id: document.id, score: sum * coordination, order })
  })
  hits.sort((a, b) => b.score - a.score || a.order - b.order)
  return hits.map(({ id, score }) => ({ id, score }))
}
