/**
 * Turns a raw query string into a {@link CompiledQuery}: clauses of alternatives resolved to term ids,
 * with prefix/fuzzy expansions, idf and weights, plus exclusions. Owns the query semantics (what is
 * required, what is optional, what expands); it runs the same analysis as indexing (`analyzeQuery` for
 * plain words, `analyze` for quoted phrases) and never throws on any query text.
 */

import {
  analyze,
  analyzeQuery,
  compoundCompletion,
  hasPersianLetter,
  normalize,
  type QueryClause,
} from '../analysis/index'
import type { Language, ResolvedLanguage } from '../analysis/types'
import type { InvertedIndex } from '../index/inverted-index'
import { fuzzyExpansions, prefixExpansions, transpositionExpansions } from '../index/term-expansion'
import { parseQuerySyntax } from './parse-query'
import { inverseDocumentFrequency, type ResolvedRanking } from './ranking'

/** One way to match a clause: a term, or terms at fixed relative positions (a phrase). */
export interface CompiledAlternative {
  /** Index into {@link CompiledQuery.termIds} (its cursor) of each term, in phrase order. */
  cursors: number[]
  /** Position of each term relative to the first (0 for the first). */
  offsets: number[]
  /** Words spanned: last offset + 1. */
  span: number
  /** 1 for exact matches, lower for prefix and fuzzy expansions. */
  weight: number
  /** idf of the term (max over terms for phrases). */
  idf: number
  /** 0 for exact and prefix matches, else the edit distance. */
  distance: number
}

/** One query word, compound or quoted phrase. */
export interface CompiledClause {
  /** Ways to match it; the best-scoring matching one counts. Empty when nothing can match. */
  alternatives: CompiledAlternative[]
  /** Extra compound clause: adds score, never required; satisfies the clauses it covers. */
  optional: boolean
  /** For optional clauses: indices of the required clauses it stands for. */
  covers: number[]
  /** True when this clause was expanded as a prefix (the last word being typed). */
  prefix: boolean
}

/** A query ready for evaluation. */
export interface CompiledQuery {
  clauses: CompiledClause[]
  /** Indices of required (non-optional) clauses, in query order (proximity pairs follow this order). */
  requiredClauses: number[]
  /** Term ids with a cursor, for clauses. */
  termIds: number[]
  /** Documents matching any of these are excluded. Cursor indices refer to {@link exclusionTermIds}. */
  exclusions: CompiledAlternative[]
  exclusionTermIds: number[]
  /**
   * Text of the query before the prefix clause's word and the word (for suggestions), or null; with the
   * terms that complete a compound of the word before it and the fragment (پیش بی → پیشبین) and the text
   * before that word, from which those are written.
   */
  prefixContext: {
    before: string
    word: string
    compound?: { before: string; word: string; termIds: ReadonlySet<number> }
  } | null
}

/** How query text is analysed and expanded. */
export interface QueryCompileOptions {
  language: Language
  stem: boolean
  stopWords: boolean
  indexLanguages: readonly ResolvedLanguage[]
  /** Expand the last word as a prefix. */
  prefix: boolean
  /** Maximum edit distance, or 'auto' (by term length), or 0 for exact search. */
  fuzzy: number | 'auto'
  /**
   * With `fuzzy` 0: whether a query word that matches no index term (a typo, another spelling), and the
   * rarest query word if it is rare ({@link RARE_WORD_MIN_DOCS}), also match the terms at edit distance 1,
   * weighted `ranking.fuzzyWeight`, when they have at least {@link FUZZY_FALLBACK_MIN_LENGTH} letters.
   * Default `false`; `SearchIndex.search` turns it on unless the caller set `fuzzy`.
   */
  fuzzyFallback?: boolean
  /** Most expansions per word (prefix and fuzzy each). */
  maxExpansions: number
  /**
   * Most required clauses kept, and most excluded words or phrases; the rest of a very long query is
   * ignored, and so is its text beyond {@link QUERY_CHARACTERS_PER_CLAUSE} × `maxClauses` characters.
   */
  maxClauses: number
  ranking: ResolvedRanking
}

/**
 * Query text analysed per allowed clause: the text beyond `maxClauses` × this many UTF-16 code units is
 * ignored, so a huge query (a pasted page, junk) costs no more than a long one. Generous: a word is at
 * most 64 code units, and stop words, punctuation and syntax take room too.
 */
export const QUERY_CHARACTERS_PER_CLAUSE = 128

/**
 * Maximum edit distance `fuzzy: true` allows for a term of this length: 0 up to 2 characters, 1 up to
 * 5, else 2.
 *
 * @example
 * ```ts
 * autoFuzzyDistance('پدر') // → 1
 * ```
 */
export function autoFuzzyDistance(term: string): number {
  return term.length <= 2 ? 0 : term.length <= 5 ? 1 : 2
}

/**
 * Weight of a query word's other written forms (`QueryClause.formsFrom`: کشور → کشورم, کشورش, the stems of
 * کشورمان, کشورشان), scored with the word's own idf. Such a form may also be another word (خوابم: "I sleep"),
 * so it counts for less than the word as typed. Chosen on the 'tune' half, where 0.6, 0.7 and 0.85 all left
 * every figure within 0.0001 of not adding the forms and 1 lowered hamshahri-subset nDCG@10 by 0.0004 and its
 * pooled-fa figure by 0.0028 (test half at 0.7: hamshahri-subset +0.0033, pooled-fa hamshahri-subset +0.0062,
 * pooled-fa parsinlu-rc +0.0008; idf not capped: hamshahri-subset tune −0.0174).
 */
export const WRITTEN_FORM_WEIGHT = 0.7

/**
 * Weight of a query word's other number (`QueryClause.numberFormsFrom`: a broken plural for its singular and
 * back, دلیل ↔ دلایل, مدرسة ↔ مدارس), scored with the word's own idf. Chosen on the 'tune' half against not
 * adding them (dictionaries/*-broken-plurals.txt; 135 Persian and 161 Arabic nouns): at 0.5 hamshahri-subset
 * nDCG@10 +0.0027, parsinlu-rc MRR@10 +0.0027, xquad-ar +0.0014, pooled-fa parsinlu-rc +0.0011 and
 * hamshahri-subset +0.0007, persianqa −0.0008, pooled-ar xquad-ar −0.0008, arcd −0.0002; at 0.7 arcd −0.0010
 * and pooled-ar xquad-ar −0.0042, at 0.85 pooled-ar xquad-ar −0.0042. The other number is often a
 * different sense (أعمال "works" against عمل "work", امور "affairs" against امر "order"), so it counts for
 * less than a written form.
 */
export const NUMBER_FORM_WEIGHT = 0.5

/**
 * Shortest term (in code units) that the fuzzy fallback expands: shorter words are too often a different
 * word at edit distance 1. Chosen on the 'tune' half of the judged corpora (bench section "quality"), over
 * 3 and 5; see {@link QueryCompileOptions.fuzzyFallback}.
 */
export const FUZZY_FALLBACK_MIN_LENGTH = 4

/**
 * The rarest word of a query, when it is in at most this many documents (or {@link RARE_WORD_SHARE} of the
 * collection, whichever is more), also gets the fuzzy fallback: a typo of a common word is often itself in a
 * few documents (the same typo, a name), which would otherwise hide the word meant. Only the rarest one, so
 * that a query pays for at most one such walk of the dictionary. Chosen on the 'tune' half of the judged
 * corpora; see {@link QueryCompileOptions.fuzzyFallback}.
 */
export const RARE_WORD_MIN_DOCS = 3

/** Share of the collection below which a query word counts as rare; see {@link RARE_WORD_MIN_DOCS}. */
export const RARE_WORD_SHARE = 0.001

/**
 * Compiles `query` against `index`.
 *
 * @example
 * ```ts
 * const compiled = compileQuery(index, 'غزه "آتش بس" -مصر', options)
 * compiled.clauses.length // → 2 (plus optional compound clauses, if any)
 * ```
 */
export function compileQuery(
  index: InvertedIndex,
  query: string,
  options: QueryCompileOptions,
): CompiledQuery {
  const builder = new QueryBuilder(index, options)
  const parts = typeof query === 'string' ? parseQuerySyntax(limitQueryText(query, options.maxClauses)) : []
  let lastWordsPart = -1
  for (let p = 0; p < parts.length; p++)
    if (parts[p].kind === 'words' && !parts[p].excluded) lastWordsPart = p
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]
    if (part.excluded) builder.addExclusion(part.kind, part.text)
    else if (part.kind === 'phrase') builder.addPhrase(part.text)
    else builder.addWords(part.text, options.prefix && p === lastWordsPart, query.slice(0, part.start))
  }
  return builder.finish()
}

/** `query` cut to the text {@link QUERY_CHARACTERS_PER_CLAUSE} allows (never inside a surrogate pair). */
function limitQueryText(query: string, maxClauses: number): string {
  let end = maxClauses * QUERY_CHARACTERS_PER_CLAUSE
  if (query.length <= end) return query
  const last = query.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return query.slice(0, end)
}

class QueryBuilder {
  private readonly clauses: CompiledClause[] = []
  private readonly termIds: number[] = []
  private readonly cursorOfTerm = new Map<number, number>()
  private readonly exclusions: CompiledAlternative[] = []
  private readonly exclusionTermIds: number[] = []
  private readonly exclusionCursorOfTerm = new Map<number, number>()
  private requiredCount = 0
  private excludedCount = 0
  private prefixContext: CompiledQuery['prefixContext'] = null
  private readonly documentCount: number

  constructor(
    private readonly index: InvertedIndex,
    private readonly options: QueryCompileOptions,
  ) {
    this.documentCount = index.documents.count
  }

  addWords(text: string, prefix: boolean, textBefore: string): void {
    const { index, options } = this
    const clauses = this.analyseWords(text)
    if (clauses === null) return
    const firstClause = this.clauses.length
    // Where the text ends without trailing spaces: the word being typed ends there.
    const trimmedEnd = text.trimEnd().length
    const requiredInPart: { clause: number; start: number; end: number }[] = []
    let rarest: {
      compiled: CompiledClause
      alternatives: readonly (readonly string[])[]
      df: number
    } | null = null
    const rareLimit = Math.max(RARE_WORD_MIN_DOCS, RARE_WORD_SHARE * this.documentCount)
    for (const clause of clauses) {
      if (clause.optional) continue
      if (this.requiredCount >= options.maxClauses) break
      const compiled = this.compileClause(
        clause.alternatives,
        false,
        clause.formsFrom,
        clause.numberFormsFrom,
      )
      // The halves of a split compound (کتابخانه → "کتاب خانه") stand for the word itself: a phrase's idf is
      // capped at the word's own, so rarer halves cannot outweigh the spelling the query used. Chosen on the
      // 'tune' half: hamshahri-subset nDCG@10 0.9133 → 0.9198 (MRR@10 0.979 → 0.979, MAP 0.827 → 0.830);
      // parsinlu-rc, persianqa and persianquad unchanged. (The analyzer now proposes a split only when
      // neither half is rarer than the word, given the documentFrequency option above, so the cap no longer
      // binds on the splits it proposes; it stays as the guarantee.)
      capPhraseIdf(compiled)
      // A word the index lacks (nothing can match it) also matches its neighbours at edit distance 1, and
      // so does the rarest word if the index holds it in only a few documents (often a misspelt copy of a
      // common word); never the word being typed (prefix expansion handles that one).
      const typed = prefix && clause.end >= trimmedEnd
      const fallback = options.fuzzyFallback === true && options.fuzzy === 0 && !typed
      if (fallback && compiled.alternatives.length === 0) this.addFuzzyFallback(compiled, clause.alternatives)
      else if (fallback) {
        const df = this.wordFrequency(compiled)
        if (df >= 0 && df <= rareLimit && (rarest === null || df < rarest.df))
          rarest = { compiled, alternatives: clause.alternatives, df }
      }
      requiredInPart.push({ clause: this.clauses.length, start: clause.start, end: clause.end })
      this.clauses.push(compiled)
      this.requiredCount++
    }
    if (rarest !== null) this.addFuzzyFallback(rarest.compiled, rarest.alternatives)
    for (const clause of clauses) {
      if (!clause.optional) continue
      const covers = requiredInPart
        .filter((required) => required.start >= clause.start && required.end <= clause.end)
        .map((required) => required.clause)
      if (covers.length === 0) continue
      const compiled = this.compileClause(clause.alternatives, true)
      compiled.covers = covers
      // A joined compound stands for the words it covers: its idf is capped at theirs (summed), so a rare
      // joined spelling (often a missing space, درایران) cannot outweigh the words themselves. In a large,
      // mixed collection such spellings exist for many word pairs (pooled-fa hamshahri nDCG@10 0.817 → 0.829).
      // A covered word the index lacks (no exact alternative) counts with the idf of a term in no document:
      // the joined spelling is then the only way the document wrote it (آتش بس in an index of آتشبس).
      let coveredIdf = 0
      for (const c of covers) {
        let best = 0
        let exact = false
        for (const alternative of this.clauses[c].alternatives) {
          best = Math.max(best, alternative.idf)
          if (alternative.distance === 0) exact = true
        }
        if (!exact) best = Math.max(best, inverseDocumentFrequency(this.documentCount, 0))
        coveredIdf += best
      }
      for (const alternative of compiled.alternatives) alternative.idf = Math.min(alternative.idf, coveredIdf)
      this.clauses.push(compiled)
    }
    if (!prefix) return
    // The word being typed: expand the last required clause if it is the last word of the text, else
    // (a stop word or a fragment the analyser dropped) analyse the fragment alone without stop words.
    if (trimmedEnd === 0) return
    let wordStart = trimmedEnd
    while (wordStart > 0 && !/\s/.test(text[wordStart - 1])) wordStart--
    const last = requiredInPart[requiredInPart.length - 1]
    let target: CompiledClause
    let prefixTerms: string[]
    // Whether the word being typed is a stop word or a fragment the analyser dropped (matched alone below).
    let dropped = false
    if (last !== undefined && last.end >= trimmedEnd && last.clause >= firstClause) {
      target = this.clauses[last.clause]
      const source = clauses.filter((clause) => !clause.optional)[requiredInPart.length - 1]
      prefixTerms = source.alternatives.filter((alternative) => alternative.length === 1).map((a) => a[0])
      this.prefixContext = {
        before: textBefore + text.slice(0, last.start),
        word: text.slice(last.start, trimmedEnd),
      }
    } else {
      if (this.requiredCount >= options.maxClauses) return
      let tokens: { term: string }[]
      try {
        tokens = analyze(text.slice(wordStart, trimmedEnd), {
          language: this.analysisLanguage(),
          stem: options.stem,
          stopWords: false,
        })
      } catch {
        return
      }
      const fragment = text.slice(wordStart, trimmedEnd)
      if (tokens.length === 2 && fragment.includes('\u200c')) {
        // A stop word and the beginning of the word it joins across a ZWNJ (پیش‌بی… of پیش‌بینی, indexed as
        // one word, both halves stop words while typed): the fragment without the ZWNJ completes it.
        tokens = [{ term: normalize(fragment) }]
      }
      if (tokens.length !== 1) return
      target = this.compileClause([[tokens[0].term]], false)
      dropped = true
      this.clauses.push(target)
      this.requiredCount++
      prefixTerms = [tokens[0].term]
      this.prefixContext = {
        before: textBefore + text.slice(0, wordStart),
        word: text.slice(wordStart, trimmedEnd),
      }
    }
    // Stemming may take a word's beginning for a proclitic (کالیف → یف: کالیفورنیا keeps its کال): the word
    // as typed, unstemmed, is expanded too when no stem is a beginning of it. (Without stemming the typed
    // word is the term already.)
    const typed = options.stem ? this.unstemmed(this.prefixContext!.word) : null
    if (typed !== null && !prefixTerms.some((term) => typed.startsWith(term))) prefixTerms.push(typed)
    target.prefix = true
    // Adds the completions of `term` to the target at `weight`; returns their term ids.
    const expand = (term: string, weight: number): number[] =>
      prefixExpansions(index.dictionary, index.postings.docFrequency, term, options.maxExpansions).map(
        (expansion) => {
          this.addExpansion(target, expansion.termId, weight, 0)
          return expansion.termId
        },
      )
    // A stem that begins the typed word lost an ending the reader typed (روسی → روس, کتابی → کتاب): what
    // completes is the word as typed (روسیه), not the stem (روسری, روسای, کتابخانه). The stem itself still
    // matches, as the clause's own term.
    const completed = prefixTerms.map((term) =>
      typed !== null && typed.length > term.length && typed.startsWith(term) ? typed : term,
    )
    for (const term of new Set(completed)) expand(term, options.ranking.prefixWeight)
    // After the first word of a compound that documents index as one word (پیش بینی, عبدالعزیز), the fragment
    // also completes the compound (پیش بی → پیشبین…, عبد الع → عبدالعزیز), at the weight of a typed word: the
    // first word is typed whole and pins the compound, where the fragment alone completes any word (بی →
    // بیمار, بیش). A suggestion is then written from the first word on.
    const language = this.analysisLanguage()
    const compound = compoundCompletion(
      text,
      wordStart,
      trimmedEnd,
      language !== 'ar' && this.options.indexLanguages.includes('fa'),
      language !== 'fa' && this.options.indexLanguages.includes('ar'),
    )
    if (compound !== null) {
      // A stop word typed after it (بین of پیش بین…) is more likely the compound's beginning than the word.
      if (dropped)
        for (const alternative of target.alternatives)
          alternative.weight = Math.min(alternative.weight, options.ranking.prefixWeight)
      const termIds = new Set(expand(compound.prefix, 1))
      const whole = index.dictionary.idOf(compound.prefix) // (typed up to a whole term: پیش بین)
      if (whole >= 0) {
        this.addExpansion(target, whole, 1, 0)
        termIds.add(whole)
      }
      this.prefixContext!.compound = {
        before: textBefore + text.slice(0, compound.start),
        word: text.slice(compound.start, trimmedEnd),
        termIds,
      }
    }
  }

  addPhrase(text: string): void {
    if (this.requiredCount >= this.options.maxClauses) return
    const analyses = this.withCompoundSpellings(text, this.analyzePhrase(text))
    if (analyses.length === 0) return
    const compiled: CompiledClause = { alternatives: [], optional: false, covers: [], prefix: false }
    for (const tokens of analyses) {
      const first = tokens[0].position
      const alternative = this.alternativeOf(
        tokens.map((token) => token.term),
        tokens.map((token) => token.position - first),
        1,
        0,
        false,
      )
      if (alternative) compiled.alternatives.push(alternative)
    }
    this.clauses.push(compiled)
    this.requiredCount++
  }

  addExclusion(kind: 'words' | 'phrase', text: string): void {
    if (this.excludedCount >= this.options.maxClauses) return
    if (kind === 'phrase') {
      this.excludedCount++
      for (const tokens of this.withCompoundSpellings(text, this.analyzePhrase(text))) {
        const first = tokens[0].position
        const alternative = this.alternativeOf(
          tokens.map((token) => token.term),
          tokens.map((token) => token.position - first),
          1,
          0,
          true,
        )
        if (alternative) this.exclusions.push(alternative)
      }
      return
    }
    const clauses = this.analyseWords(text)
    if (clauses === null) return
    for (const clause of clauses) {
      if (!clause.optional) {
        if (this.excludedCount >= this.options.maxClauses) break
        this.excludedCount++
      }
      for (const terms of clause.alternatives) {
        const alternative = this.alternativeOf(
          terms,
          terms.map((_, i) => i),
          1,
          0,
          true,
        )
        if (alternative) this.exclusions.push(alternative)
      }
    }
  }

  finish(): CompiledQuery {
    const requiredClauses: number[] = []
    for (let c = 0; c < this.clauses.length; c++) if (!this.clauses[c].optional) requiredClauses.push(c)
    return {
      clauses: this.clauses,
      requiredClauses,
      termIds: this.termIds,
      exclusions: this.exclusions,
      exclusionTermIds: this.exclusionTermIds,
      prefixContext: this.prefixContext,
    }
  }

  /**
   * @param formsFrom alternatives from this index on are other forms of the first one (see
   *   `QueryClause.formsFrom`): their idf is capped at its own, or a form in a few documents would outweigh
   *   the word as typed, and they weigh {@link WRITTEN_FORM_WEIGHT}, from `numberFormsFrom` on (its other
   *   number) {@link NUMBER_FORM_WEIGHT}.
   */
  private compileClause(
    alternatives: readonly (readonly string[])[],
    optional: boolean,
    formsFrom = alternatives.length,
    numberFormsFrom = alternatives.length,
  ): CompiledClause {
    const compiled: CompiledClause = { alternatives: [], optional, covers: [], prefix: false }
    const { options } = this
    let wordIdf = Number.POSITIVE_INFINITY
    for (let i = 0; i < alternatives.length; i++) {
      const terms = alternatives[i]
      if (terms.length === 0) continue
      const alternative = this.alternativeOf(
        terms,
        terms.map((_, i) => i),
        1,
        0,
        false,
      )
      if (alternative) {
        if (i === 0) wordIdf = alternative.idf
        else if (i >= formsFrom) {
          alternative.idf = Math.min(alternative.idf, wordIdf)
          alternative.weight = i >= numberFormsFrom ? NUMBER_FORM_WEIGHT : WRITTEN_FORM_WEIGHT
        }
        compiled.alternatives.push(alternative)
      }
      // A written form's neighbours are the word's own.
      if (optional || terms.length !== 1 || options.fuzzy === 0 || i >= formsFrom) continue
      const maxDistance = options.fuzzy === 'auto' ? autoFuzzyDistance(terms[0]) : options.fuzzy
      const expansions = fuzzyExpansions(
        this.index.dictionary,
        this.index.postings.docFrequency,
        terms[0],
        maxDistance,
        options.maxExpansions,
      )
      for (const expansion of expansions) {
        this.addExpansion(
          compiled,
          expansion.termId,
          options.ranking.fuzzyWeight ** expansion.distance,
          expansion.distance,
        )
      }
    }
    return compiled
  }

  /**
   * The fuzzy fallback of a clause (a word none of whose terms is in the index, or the query's rarest word):
   * the terms at edit distance 1 or one adjacent transposition (وزرش → ورزش) of each one-term alternative of
   * at least {@link FUZZY_FALLBACK_MIN_LENGTH} code units, weighted like a fuzzy match. Questions are typed,
   * and a misspelt word (الصرطان, قمیت) otherwise adds nothing. Chosen on the judged corpora's tune halves.
   * MRR@10 all·tune·test now, and before the fallback was added: arcd 0.8175·0.8193·0.8158 (0.8066·0.8054·
   * 0.8078), xquad-ar 0.9386·0.9461·0.9311 (0.9350·0.9396·0.9303), parsinlu-rc 0.7455·0.7550·0.7361
   * (0.7403·0.7518·0.7288), persianqa 0.9880 (0.9828); CHANGELOG gives each step. Only the rarest word, not
   * every rare one: the same quality at half the extra latency (one dictionary walk per word).
   */
  private addFuzzyFallback(clause: CompiledClause, alternatives: readonly (readonly string[])[]): void {
    const { options } = this
    for (const terms of alternatives) {
      if (terms.length !== 1 || terms[0].length < FUZZY_FALLBACK_MIN_LENGTH) continue
      const expansions = fuzzyExpansions(
        this.index.dictionary,
        this.index.postings.docFrequency,
        terms[0],
        1,
        options.maxExpansions,
      )
      // Levenshtein counts a swap of two adjacent letters as two edits: the fallback adds those terms too.
      expansions.push(
        ...transpositionExpansions(this.index.dictionary, this.index.postings.docFrequency, terms[0]),
      )
      for (const expansion of expansions) {
        this.addExpansion(clause, expansion.termId, options.ranking.fuzzyWeight, expansion.distance)
      }
    }
  }

  /**
   * Documents holding the clause's word: the most of its exact one-term alternatives (the word's own
   * stems), or −1 when it has none (a clause matched only by phrases, a split compound, is never taken for
   * a rare word: the split already stands for it).
   */
  private wordFrequency(clause: CompiledClause): number {
    let df = -1
    for (const alternative of clause.alternatives) {
      if (alternative.cursors.length !== 1 || alternative.distance !== 0) continue
      df = Math.max(df, this.index.postings.docFrequency[this.termIds[alternative.cursors[0]]])
    }
    return df
  }

  /** Adds a one-term alternative unless the clause already has that term with at least this weight. */
  private addExpansion(clause: CompiledClause, termId: number, weight: number, distance: number): void {
    const cursor = this.cursorOf(termId, false)
    for (const existing of clause.alternatives) {
      if (existing.cursors.length === 1 && existing.cursors[0] === cursor) {
        if (existing.weight < weight) {
          existing.weight = weight
          existing.distance = distance
        }
        return
      }
    }
    clause.alternatives.push({
      cursors: [cursor],
      offsets: [0],
      span: 1,
      weight,
      idf: this.idfOf(termId),
      distance,
    })
  }

  /** An alternative for these terms, or null when one of them is not in the index (it cannot match). */
  private alternativeOf(
    terms: readonly string[],
    offsets: readonly number[],
    weight: number,
    distance: number,
    exclusion: boolean,
  ): CompiledAlternative | null {
    const termIds: number[] = []
    for (const term of terms) {
      const termId = this.index.dictionary.idOf(term)
      if (termId < 0 || this.index.postings.docFrequency[termId] === 0) return null
      termIds.push(termId)
    }
    let idf = 0
    for (const termId of termIds) idf = Math.max(idf, this.idfOf(termId))
    return {
      cursors: termIds.map((termId) => this.cursorOf(termId, exclusion)),
      offsets: [...offsets],
      span: offsets[offsets.length - 1] + 1,
      weight,
      idf,
      distance,
    }
  }

  private cursorOf(termId: number, exclusion: boolean): number {
    const map = exclusion ? this.exclusionCursorOfTerm : this.cursorOfTerm
    const list = exclusion ? this.exclusionTermIds : this.termIds
    let cursor = map.get(termId)
    if (cursor === undefined) {
      cursor = list.length
      list.push(termId)
      map.set(termId, cursor)
    }
    return cursor
  }

  private idfOf(termId: number): number {
    return inverseDocumentFrequency(this.documentCount, this.index.postings.docFrequency[termId])
  }

  /**
   * The phrase's analyses and, for each, the same phrase with a compound in its other spelling, where the
   * index has it: a word the query analysis splits (عبدالعزیز → عبد عزیز, کتابخانه → کتاب خانه) as its two
   * words, and two words it joins (عبد العزیز → عبدالعزیز) as one where it would split that word back into
   * them, the positions after them moved. A quoted name then finds the documents that wrote it the other
   * way. At most {@link MAX_PHRASE_SPELLINGS} in all.
   */
  private withCompoundSpellings(text: string, analyses: PhraseToken[][]): PhraseToken[][] {
    const out = [...analyses]
    const seen = new Set(analyses.map(phraseKey))
    const add = (tokens: PhraseToken[]) => {
      const key = phraseKey(tokens)
      if (out.length < MAX_PHRASE_SPELLINGS && !seen.has(key)) {
        seen.add(key)
        out.push(tokens)
      }
    }
    const analyseQuery = (words: string) => this.analyseWords(words) ?? []
    const shifted = (tokens: readonly PhraseToken[], from: number, by: number) =>
      tokens.slice(from).map((t) => ({ ...t, position: t.position + by }))
    // The query analysis of the whole phrase proposes the splits and joins, by the words' offsets.
    const clauses = analyseQuery(text)
    if (clauses.length === 0) return out
    for (const tokens of analyses) {
      for (let k = 0; k < tokens.length; k++) {
        const token = tokens[k]!
        // One word, two in the index (the first split the query analysis proposes).
        const word = clauses.find((c) => !c.optional && c.start === token.start && c.end === token.end)
        const split = word?.alternatives.find((alternative) => alternative.length === 2)
        if (split !== undefined) {
          add([
            ...tokens.slice(0, k),
            { ...token, term: split[0]! },
            { ...token, term: split[1]!, position: token.position + 1 },
            ...shifted(tokens, k + 1, 1),
          ])
        }
        // Two words, one in the index.
        const next = tokens[k + 1]
        if (next === undefined || next.position !== token.position + 1) continue
        const joined = clauses.find((c) => c.optional && c.start === token.start && c.end === next.end)
        if (joined === undefined) continue
        // Only where the joined word would be split back into these two (a phrase is a strict request: "کت
        // اب" is not کتاب, whose halves are rarer than the word).
        const [back] = analyseQuery(text.slice(token.start, token.end) + text.slice(next.start, next.end))
        const splitBack = back?.alternatives.some(
          (alternative) =>
            alternative.length === 2 && alternative[0] === token.term && alternative[1] === next.term,
        )
        if (splitBack) {
          add([
            ...tokens.slice(0, k),
            { ...token, term: joined.alternatives[0]![0]!, end: next.end },
            ...shifted(tokens, k + 2, -1),
          ])
        }
      }
    }
    return out
  }

  /** The query analysis of `text` with this index's terms and frequencies; null when it throws. */
  private analyseWords(text: string): QueryClause[] | null {
    const { index, options } = this
    try {
      return analyzeQuery(text, {
        language: options.language,
        stem: options.stem,
        stopWords: options.stopWords,
        indexLanguages: options.indexLanguages,
        hasTerm: (term: string) => index.dictionary.idOf(term) >= 0,
        documentFrequency: (term: string) => documentFrequencyOf(index, term),
      })
    } catch {
      return null
    }
  }

  /**
   * The phrase analysed in each language it may be in (one analysis per distinct result, empty ones
   * dropped): like plain words, a phrase whose letters cannot tell is tried in every language of the index.
   */
  private analyzePhrase(text: string): PhraseToken[][] {
    const { language, indexLanguages } = this.options
    const languages: Language[] =
      language !== 'auto'
        ? [language]
        : indexLanguages.length === 0
          ? ['auto']
          : indexLanguages.length === 1 || hasPersianLetter(text)
            ? [indexLanguages.length === 1 ? indexLanguages[0] : 'fa']
            : [...indexLanguages]
    const analyses: PhraseToken[][] = []
    const seen = new Set<string>()
    for (const lang of languages) {
      let tokens: PhraseToken[]
      try {
        tokens = analyze(text, { language: lang, stem: this.options.stem, stopWords: this.options.stopWords })
      } catch {
        continue
      }
      const key = phraseKey(tokens)
      if (tokens.length > 0 && !seen.has(key)) {
        seen.add(key)
        analyses.push(tokens)
      }
    }
    return analyses
  }

  /** `word` folded as the index folds it, not stemmed; null unless it is one token. */
  private unstemmed(word: string): string | null {
    try {
      const tokens = analyze(word, { language: this.analysisLanguage(), stem: false, stopWords: false })
      return tokens.length === 1 ? tokens[0].term : null
    } catch {
      return null
    }
  }

  private analysisLanguage(): Language {
    const { language, indexLanguages } = this.options
    if (language !== 'auto') return language
    return indexLanguages.length === 1 ? indexLanguages[0] : 'auto'
  }
}

/** For each term of a compiled query (index into `termIds`): the query word it matches, and how well. */
export interface QueryWordsOfTerms {
  /**
   * Index of the clause the term stands for on its own (an optional compound clause: the first word it
   * covers), through a one-term alternative; −1 for a term that matches only inside a phrase.
   */
  word: Int32Array
  /** Best weight of the term's one-term alternatives: 1 exact, lower for prefix and fuzzy expansions. */
  weight: Float64Array
  /**
   * The phrase alternatives (two terms or more: a quoted phrase, or a compound split of one query word,
   * کتابخانه as کتاب خانه): a term with no one-term alternative (`word` −1) matched only where one of them
   * occurs whole, so only those occurrences of it are highlighted.
   */
  phrases: QueryPhrase[]
}

/** A phrase alternative of a compiled query, for highlighting (see {@link QueryWordsOfTerms.phrases}). */
export interface QueryPhrase {
  /** Index into `termIds` of each term, in phrase order. */
  cursors: readonly number[]
  /** Position of each term relative to the first. */
  offsets: readonly number[]
  /** Index of the clause the phrase stands for (an optional compound clause: the first word it covers). */
  word: number
  weight: number
}

/**
 * Which query word each term of `query` stands for, so that a highlight can prefer passages that match
 * more of the words the user typed over passages full of one word's typo neighbours, and the phrases whose
 * words are highlighted only where the phrase occurs.
 *
 * @example
 * ```ts
 * const words = queryWordsOfTerms(compileQuery(index, 'موريطانيا نواكشوط', options))
 * words.word // → e.g. Int32Array [0, 0, 1]: an exact term and its neighbour, then the second word
 * queryWordsOfTerms(compileQuery(index, '"نوار غزه"', options)).word // → Int32Array [-1, -1]
 * ```
 */
export function queryWordsOfTerms(query: CompiledQuery): QueryWordsOfTerms {
  const count = query.termIds.length
  const word = new Int32Array(count).fill(-1)
  const weight = new Float64Array(count)
  const phrases: QueryPhrase[] = []
  for (let c = 0; c < query.clauses.length; c++) {
    const clause = query.clauses[c]
    const owner = clause.optional && clause.covers.length > 0 ? clause.covers[0] : c
    for (const alternative of clause.alternatives) {
      if (alternative.cursors.length > 1) {
        phrases.push({
          cursors: alternative.cursors,
          offsets: alternative.offsets,
          word: owner,
          weight: alternative.weight,
        })
        continue
      }
      const cursor = alternative.cursors[0]
      if (word[cursor] < 0) word[cursor] = owner
      weight[cursor] = Math.max(weight[cursor], alternative.weight)
    }
  }
  return { word, weight, phrases }
}

/**
 * Caps the idf of a clause's phrase alternatives (compound splits of one query word) at the best idf of its
 * exact one-term alternatives (the word's own stems, not fuzzy expansions), when it has any.
 */
function capPhraseIdf(clause: CompiledClause): void {
  let wordIdf = 0
  for (const alternative of clause.alternatives)
    if (alternative.cursors.length === 1 && alternative.distance === 0)
      wordIdf = Math.max(wordIdf, alternative.idf)
  if (wordIdf === 0) return
  for (const alternative of clause.alternatives)
    if (alternative.cursors.length > 1) alternative.idf = Math.min(alternative.idf, wordIdf)
}

/** A word of a quoted phrase as analysed: its term, position and place in the phrase's text. */
interface PhraseToken {
  term: string
  position: number
  start: number
  end: number
}

/** Analyses of a phrase kept at most (its languages and its compounds' other spellings). */
const MAX_PHRASE_SPELLINGS = 6

/** Identifies a phrase analysis by its terms and positions. */
function phraseKey(tokens: readonly PhraseToken[]): string {
  return tokens.map((t) => `${t.position}:${t.term}`).join(' ')
}

/** The number of documents holding `term` in `index` (0 when it is not a term). */
function documentFrequencyOf(index: InvertedIndex, term: string): number {
  const termId = index.dictionary.idOf(term)
  return termId < 0 ? 0 : index.postings.docFrequency[termId]
}
