/**
 * Ranking parameters: their public option type, documented defaults, validation and resolution into
 * per-field arrays used by the evaluator. Owns no scoring code itself (see `evaluate-query.ts`).
 *
 * The score of a document d for a query is
 *
 * ```text
 * score(d) = (Σ_clauses clauseScore + titleBonus + proximityBonus) × (satisfiedClauses / requiredClauses) ^ coordination
 * clauseScore = max over the clause's alternatives a of  weight(a) × idf(a) × tf̃ × (k1 + 1) / (k1 + tf̃)
 * k1 = k1 of the document's language (Persian, Arabic, other)
 * tf̃ = Σ_fields boost_f × tf_f(a) / (1 − b_f + b_f × len_f(d) / avgLen_f)             (BM25F)
 *      the fields: the indexed ones and the lead field (their first leadWords words, at most half a field
 *      of more than 12 words; boost leadBoost)
 * avgLen_f = mean of len_f over the live documents whose field f is not empty (as Lucene counts it)
 * idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5));  idf of a phrase = max idf of its terms
 * idf of a joined compound (an optional clause for adjacent query words) ≤ Σ idf of the words it covers
 * titleBonus = titleMatch × Σ_clauses weight(a) × idf(a) × tt × (k1 + 1) / (k1 + tt)   when the query holds every
 *              word of the document's title field (their occurrences there add up to its length), else 0;
 *              a = the clause's best alternative, tt = boost_title × tf_title(a) / norm_title (the title alone)
 * proximityBonus = proximityWeight × held × Σ_adjacent clause pairs closeness × min(clauseScore_i, clauseScore_j)
 * held = Σ_satisfied required clauses idf_c / Σ_required clauses idf_c  (1 when every one is satisfied), where
 *        idf_c = the clause's largest weight(a) × idf(a) (0 when no term of it is indexed): a document lacking
 *        the query's rarest word earns little for the common words it has side by side
 * closeness = 1 / gap for the nearest in-order occurrence, 0.5 / gap in reverse order (0 beyond proximityWindow),
 *             in one indexed field (the lead field repeats their positions)
 * ```
 *
 * N and df count removed documents until the next compaction (like Lucene), so scores can shift slightly
 * after `remove` and settle after `compact()`; avgLen counts live documents only.
 */

import { InvalidOptionsError } from '../errors'

/**
 * Ranking options, accepted by the `SearchIndex` constructor (index defaults) and by `search` (per query).
 *
 * @example
 * ```ts
 * new SearchIndex({ fields: ['title', 'body'], ranking: { k1: 1.4, b: { title: 0.3, body: 0.75 } } })
 * index.search('غزه', { ranking: { proximityWeight: 0 } }) // no proximity bonus for this query
 * ```
 */
export interface RankingOptions {
  /**
   * BM25 term-frequency saturation: one number for every document, or one per document language (`fa`,
   * `ar`, and `other` for documents in neither, e.g. Latin-only text). Default `{ fa: 2, ar: 1.2, other:
   * 1.2 }`: chosen per language on the 'tune' half of the judged corpora (bench section "quality"). Persian
   * sets rank best with a later saturation (k1 2 vs 1.2: hamshahri-subset nDCG@10 0.899 → 0.913, MAP 0.809
   * → 0.825; parsinlu-rc MRR@10 0.749 → 0.750), the Arabic sets with Lucene's 1.2 (xquad-ar MRR@10 0.929 at
   * 1.2, 0.927 at 1.5, 0.921 at 2).
   */
  k1?: number | { fa?: number; ar?: number; other?: number }
  /** BM25 length normalisation in [0, 1], one number for all fields or per field. Default `0.75`. */
  b?: number | Record<string, number>
  /**
   * Weight of the bonus for query words occurring close together, in query order. Default `0.5`; 0 disables
   * it. A document that lacks some of the query's words gets the bonus times the share of the query's idf
   * that its words hold: pooled with news, passages that had two common words of a question side by side
   * but not its rarest word outranked the articles holding all three (MRR@10 tune halves: pooled-fa ▸
   * parsinlu-rc +0.0103, pooled-ar ▸ arcd +0.0020, the single corpora within ±0.0013).
   */
  proximityWeight?: number
  /** Largest word gap that still earns a proximity bonus. Default `5`. */
  proximityWindow?: number
  /** Weight of a prefix completion relative to an exact match. Default `0.5`. */
  prefixWeight?: number
  /** Weight of a fuzzy match at edit distance 1 (raised to the power of the distance). Default `0.45`. */
  fuzzyWeight?: number
  /**
   * Exponent of the coordination factor (share of query words matched) in OR mode. Default `0`: the BM25F
   * sum already ranks documents matching more words higher, and on the judged corpora (bench section
   * "quality") any coordination factor lowered MRR and MAP (e.g. parsinlu-rc MRR@10 0.740 at 0, 0.733 at
   * 0.3, 0.713 at 1). `1` is the classic Lucene coord.
   */
  coordination?: number
  /**
   * Weight of the hidden lead field, the first words of each field indexed once more
   * (`SearchIndexOptions.leadWords`); 0 leaves it out. Default `1.25`: chosen on the 'tune' half of the
   * judged corpora with 15 lead words (0.5, 0.7, 1, 1.25, 1.5 and 2 measured; at 1.25 every tune half but
   * pooled-ar ▸ arcd (−0.0005) rose or stayed, the per-corpus ones most in sum).
   */
  leadBoost?: number
  /**
   * Weight of the title-match bonus: when the query holds every word of a document's title (the
   * `titleField`), each query word found there scores once more, `titleMatch` × its BM25 score in the title
   * alone (saturated apart from the other fields, where BM25F would let a long body drown it). A query that
   * names the subject of an article (`الحرب العالمية الثانية`, `كأس العالم 2018`) then ranks that article
   * above others that only mention it. Default `0.6`; 0 disables it. Chosen on the 'tune' half of the judged
   * corpora (0.4, 0.6, 1 measured, with and without the whole-title condition): arcd MRR@10 +0.0074 tune,
   * +0.0124 test; without the condition, pooled news headlines partly matched by a query took ranks from
   * untitled passages.
   */
  titleMatch?: number
  /**
   * The indexed field the title-match bonus reads. Default: the field named `title` when one is indexed,
   * else none; `null` turns the bonus off.
   */
  titleField?: string | null
}

/** The defaults of {@link RankingOptions}. */
export const DEFAULT_RANKING = {
  k1: { fa: 2, ar: 1.2, other: 1.2 },
  b: 0.75,
  proximityWeight: 0.5,
  proximityWindow: 5,
  prefixWeight: 0.5,
  fuzzyWeight: 0.45,
  coordination: 0,
  leadBoost: 1.25,
  titleMatch: 0.6,
} as const

/** The field the title-match bonus reads unless `RankingOptions.titleField` names another. */
export const DEFAULT_TITLE_FIELD = 'title'

/** {@link RankingOptions} resolved against the index fields. */
export interface ResolvedRanking {
  /**
   * k1 by the document's counted language code (`countedLanguageOf`: 0 other, 1 Persian, 2 Arabic; 3 is
   * unused and holds the `other` value).
   */
  k1: Float64Array
  /** b per field index, and one more for the lead field (after the indexed fields). */
  b: Float64Array
  proximityWeight: number
  proximityWindow: number
  prefixWeight: number
  fuzzyWeight: number
  coordination: number
  leadBoost: number
  /** Weight of the title-match bonus (0: none). */
  titleMatch: number
  /** Index of the field the title-match bonus reads, or −1 (none). */
  titleField: number
}

/**
 * Validates `options` (over `base`) and resolves them into per-field arrays; throws
 * `InvalidOptionsError` for unknown fields or out-of-range numbers.
 *
 * @example
 * ```ts
 * resolveRanking(['title', 'body'], { b: { title: 0.3 } }).b // → Float64Array [0.3, 0.75]
 * ```
 */
export function resolveRanking(
  fields: readonly string[],
  options: RankingOptions | undefined,
  base?: ResolvedRanking,
): ResolvedRanking {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidOptionsError('ranking must be an object')
  }
  const given = options ?? {}
  const number = (name: keyof RankingOptions, fallback: number, min: number, max: number): number => {
    const value = given[name]
    return value === undefined ? fallback : numberInRange(value, `ranking.${name}`, min, max)
  }
  // One entry per field, then the lead field's.
  const b = base ? Float64Array.from(base.b) : new Float64Array(fields.length + 1).fill(DEFAULT_RANKING.b)
  if (given.b !== undefined) {
    if (typeof given.b === 'number') {
      b.fill(number('b', DEFAULT_RANKING.b, 0, 1))
    } else if (given.b !== null && typeof given.b === 'object') {
      for (const [field, value] of Object.entries(given.b)) {
        const index = fields.indexOf(field)
        if (index < 0)
          throw new InvalidOptionsError(
            `ranking.b names ${JSON.stringify(field)}, which is not an indexed field`,
          )
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
          throw new InvalidOptionsError(`ranking.b.${field} must be a number in [0, 1]`)
        }
        b[index] = value
      }
    } else {
      throw new InvalidOptionsError('ranking.b must be a number or an object of numbers per field')
    }
  }
  return {
    k1: resolveK1(given.k1, base?.k1),
    b,
    proximityWeight: number(
      'proximityWeight',
      base?.proximityWeight ?? DEFAULT_RANKING.proximityWeight,
      0,
      1000,
    ),
    proximityWindow: number(
      'proximityWindow',
      base?.proximityWindow ?? DEFAULT_RANKING.proximityWindow,
      1,
      1000,
    ),
    prefixWeight: number('prefixWeight', base?.prefixWeight ?? DEFAULT_RANKING.prefixWeight, 0, 1),
    fuzzyWeight: number('fuzzyWeight', base?.fuzzyWeight ?? DEFAULT_RANKING.fuzzyWeight, 0, 1),
    coordination: number('coordination', base?.coordination ?? DEFAULT_RANKING.coordination, 0, 10),
    leadBoost: number('leadBoost', base?.leadBoost ?? DEFAULT_RANKING.leadBoost, 0, 1000),
    titleMatch: number('titleMatch', base?.titleMatch ?? DEFAULT_RANKING.titleMatch, 0, 1000),
    titleField: resolveTitleField(fields, given.titleField, base?.titleField),
  }
}

/**
 * The field the title-match bonus reads with these field boosts (the searched fields), or −1 when it cannot
 * score: `titleMatch` 0, no title field, or the title field not searched.
 *
 * @example
 * ```ts
 * titleBonusField(resolveRanking(['title', 'body'], {}), Float64Array.of(1, 1)) // → 0
 * ```
 */
export function titleBonusField(ranking: ResolvedRanking, fieldBoosts: ArrayLike<number>): number {
  const field = ranking.titleField
  return ranking.titleMatch > 0 && field >= 0 && fieldBoosts[field] > 0 ? field : -1
}

/** The index of the title field from the `titleField` option over `base` (default: a field named `title`). */
function resolveTitleField(
  fields: readonly string[],
  given: string | null | undefined,
  base: number | undefined,
): number {
  if (given === undefined) return base ?? fields.indexOf(DEFAULT_TITLE_FIELD)
  if (given === null) return -1
  const index = typeof given === 'string' ? fields.indexOf(given) : -1
  if (index < 0) {
    throw new InvalidOptionsError(
      `ranking.titleField must be an indexed field or null, got ${JSON.stringify(given)}`,
    )
  }
  return index
}

/** `value` when it is a finite number in [min, max], else an `InvalidOptionsError` naming the option. */
function numberInRange(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidOptionsError(`${name} must be a number in [${min}, ${max}], got ${String(value)}`)
  }
  return value
}

/** k1 per counted language code from the `k1` option (a number or per language) over `base`. */
function resolveK1(given: RankingOptions['k1'], base: Float64Array | undefined): Float64Array {
  const k1 = base
    ? Float64Array.from(base)
    : Float64Array.of(
        DEFAULT_RANKING.k1.other,
        DEFAULT_RANKING.k1.fa,
        DEFAULT_RANKING.k1.ar,
        DEFAULT_RANKING.k1.other,
      )
  if (given === undefined) return k1
  if (typeof given === 'number') return k1.fill(numberInRange(given, 'ranking.k1', 0, 1000))
  if (given === null || typeof given !== 'object') {
    throw new InvalidOptionsError('ranking.k1 must be a number or an object { fa, ar, other } of numbers')
  }
  for (const [language, value] of Object.entries(given)) {
    const code = language === 'fa' ? 1 : language === 'ar' ? 2 : language === 'other' ? 0 : -1
    if (code < 0) {
      throw new InvalidOptionsError(`ranking.k1 names ${JSON.stringify(language)}: use fa, ar or other`)
    }
    if (value === undefined) continue
    k1[code] = numberInRange(value, `ranking.k1.${language}`, 0, 1000)
    if (code === 0) k1[3] = k1[0]
  }
  return k1
}

/**
 * The BM25 inverse document frequency used everywhere (always positive).
 *
 * @example
 * ```ts
 * inverseDocumentFrequency(1000, 10) // → ≈ 4.55
 * ```
 */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5))
}
