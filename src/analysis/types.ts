/**
 * Public types of the analysis pipeline. This module owns only type declarations.
 */

/** Language of a text: Persian (`'fa'`), Arabic (`'ar'`), or `'auto'` to decide from the letters. */
export type Language = 'fa' | 'ar' | 'auto'

/** A concrete language after detection. */
export type ResolvedLanguage = 'fa' | 'ar'

/**
 * One index term produced by {@link analyze}.
 *
 * `start`/`end` are UTF-16 offsets into the ORIGINAL string given to `analyze` (so
 * `text.slice(start, end)` is exactly the word as written, diacritics, ZWNJ and all), and `position` counts
 * words (stop words included, so phrase queries keep their gaps).
 */
export interface Token {
  /** The normalised (and, by default, stemmed) term. */
  term: string
  /** Offset of the first code unit of the word in the original text. */
  start: number
  /** Offset just past the last code unit of the word in the original text. */
  end: number
  /** Word position, counting from 0; stop words take a position but are not returned. */
  position: number
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** `'fa'`, `'ar'` or `'auto'` (default): which light stemmer and joining rules apply. */
  language?: Language
  /** Apply light stemming (default `true`). */
  stem?: boolean
  /** Drop stop words (default `true`); dropped words still advance `position`. */
  stopWords?: boolean
}
