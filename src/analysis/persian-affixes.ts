/**
 * The Persian affixes that kavosh joins (when written as a separate word) and removes (when stemming), in
 * one place so that the joining rules, the stemmer and the Elasticsearch generator agree.
 *
 * Owns: the affix lists. Must not: contain logic.
 */

/** Plural suffix ها with its pronominal extensions, longest first. */
export const PLURAL_SUFFIXES: readonly string[] = [
  'هایشان',
  'هایتان',
  'هایمان',
  'هایی',
  'هایم',
  'هایت',
  'هایش',
  'های',
  'ها',
]

/** Comparative and superlative. */
export const COMPARATIVE_SUFFIXES: readonly string[] = ['تر', 'ترین']

/** Clitics that follow a word in ه: ezafe/indefinite ی, ای and the copula/pronoun forms (خانه‌ای, رفته‌اند). */
export const CLITICS_AFTER_HEH: readonly string[] = ['ی', 'ای', 'ام', 'ات', 'اش', 'ایم', 'اید', 'اند']

/** Pronominal suffixes removed only where a ZWNJ marks them (کتاب‌شان): joined, they end too many nouns. */
export const MARKED_PRONOUN_SUFFIXES: readonly string[] = ['شان', 'تان', 'مان']

/**
 * Pronominal suffixes a query word may carry joined (خونش, کشورمان), longest first: at query time the word
 * without one is also tried when the index has its stem (the stemmer keeps them: آتش, بخش, روش end in ش).
 */
export const QUERY_PRONOUN_SUFFIXES: readonly string[] = ['شان', 'تان', 'مان', 'ش']

/** Verb prefixes می / نمی. */
export const VERB_PREFIXES: readonly string[] = ['می', 'نمی']
