/**
 * The analysis pipeline of kavosh: character fold → tokenizer → Persian affix joining → stop words → light
 * stemming. Each stage is its own module; this one only re-exports the public surface.
 */

export type { AnalyzeQueryOptions, QueryClause } from './analyzer'
export {
  analyze,
  analyzeEach,
  analyzeInto,
  analyzeQuery,
  compoundCompletion,
  hasPersianLetter,
  isStopWord,
  resolveLanguage,
  stemWord,
  TermBuffer,
} from './analyzer'
export { detectLanguage } from './detect'
export { normalize } from './normalize'
export { stemArabic } from './stem-ar'
export { stemPersian } from './stem-fa'
export type { RawWord } from './tokenize'
export { tokenize } from './tokenize'
export type { AnalyzeOptions, Language, ResolvedLanguage, Token } from './types'
