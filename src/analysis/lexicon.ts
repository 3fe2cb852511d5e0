/**
 * The word lists of `dictionaries/`, folded with kavosh's own `normalize` and held as sets. Built lazily
 * on first use.
 *
 * Owns: turning raw lists into lookup sets. Must not: contain words itself (they live in dictionaries/).
 */
import {
  arBalWords,
  arBrokenPlurals,
  arCompounds,
  arKalWords,
  arNameHeads,
  arShortPlurals,
  arSpellingVariants,
  arStemExceptions,
  arStopwords,
  arTehWords,
  arWalWords,
  arWawWords,
  faBrokenPlurals,
  faGafWords,
  faHehPlurals,
  faHehYeWords,
  faPastStems,
  faPresentStems,
  faShortPlurals,
  faSpellingVariants,
  faStemExceptions,
  faStopCompounds,
  faStopwords,
} from './dictionaries.generated'
import { normalize } from './normalize'

/** Folded lookup sets of the bundled dictionaries. */
export interface Lexicon {
  readonly faStopWords: ReadonlySet<string>
  readonly arStopWords: ReadonlySet<string>
  /**
   * The Arabic stop words written with آ, folded but for their آ (الآن): an Arabic word written with آ is a
   * stop word only if it is one of these (see `isStopWord`).
   */
  readonly arMaddaStopWords: ReadonlySet<string>
  /**
   * The Arabic stop words that the list writes with a final ى and never with ي (folded: علی of على, not
   * فی of في / فى): an Arabic word so folded is a stop word only when written with ى (see `isStopWord`).
   */
  readonly arMaqsuraStopWords: ReadonlySet<string>
  readonly arStemExceptions: ReadonlySet<string>
  /**
   * Stems of two letters whose plural in ات loses it (folded; the singulars of
   * `dictionaries/ar-short-plurals.txt` without their ة: قو of قوة, so that قوات → قو).
   */
  readonly arShortPluralStems: ReadonlySet<string>
  /**
   * Arabic words whose final ت is their own (folded; `dictionaries/ar-teh-words.txt`): the stemmer does not
   * read their ت + pronoun as a noun in ة (بیوتهم → بیوت, not بیو).
   */
  readonly arTehWords: ReadonlySet<string>
  /** Beginnings of Arabic words whose بال is not the proclitic ب + the article (folded; بالغه, بالون). */
  readonly arBalWords: ReadonlySet<string>
  /** Beginnings of Arabic words whose کال is not the proclitic ک + the article (folded). */
  readonly arKalWords: ReadonlySet<string>
  /** Beginnings of Arabic words whose initial وال is not و + the article (folded; والده, والدت). */
  readonly arWalWords: ReadonlySet<string>
  /** Beginnings of Arabic words whose initial و is not the conjunction (folded; وزیر, وزار, وطن). */
  readonly arWawWords: ReadonlySet<string>
  /**
   * First words of Arabic compound names whose second word carries the article, written apart or joined
   * (folded; `dictionaries/ar-name-heads.txt`: عبد of عبد الله / عبدالله, نور of نور الدین).
   */
  readonly arNameHeads: ReadonlySet<string>
  /**
   * Arabic compounds written as two words or one (folded; `dictionaries/ar-compounds.txt`): first word → the
   * second words it forms one with (ابو → ظبی, بکر; کیلو → متر, غرام).
   */
  readonly arCompounds: ReadonlyMap<string, readonly string[]>
  readonly faStemExceptions: ReadonlySet<string>
  readonly faPastStems: ReadonlySet<string>
  readonly faPresentStems: ReadonlySet<string>
  /**
   * Persian compounds of a stop word and a word that join across a space as across a ZWNJ (folded;
   * `dictionaries/fa-stop-compounds.txt`): stop word → the words it forms one with (پیش → بینی, نویس).
   */
  readonly faStopCompounds: ReadonlyMap<string, ReadonlySet<string>>
  /** Every second word of {@link faStopCompounds} (بینی, نویس): a cheap test before the pair lookup. */
  readonly faStopCompoundTails: ReadonlySet<string>
  /**
   * Persian nouns in a silent ه whose ات plural drops it (folded; `dictionaries/fa-heh-plurals.txt`), held
   * without that ه: a word of this set + ات stems to the set's word + ه (مسابقات → مسابقه).
   */
  readonly faHehPluralStems: ReadonlySet<string>
  /**
   * Persian words in a silent ه whose ای is often written joined (folded; `dictionaries/fa-heh-ye-words.txt`):
   * such a word + های is the word + ای (منطقهای → منطقه), not a plural in ها (منطق + های).
   */
  readonly faHehYeWords: ReadonlySet<string>
  /**
   * Persian words in a گ of their own whose plural in ان ends in گان (folded; `dictionaries/fa-gaf-words.txt`):
   * such a plural loses the ان alone (بزرگان → بزرگ), not گان for a silent ه.
   */
  readonly faGafWords: ReadonlySet<string>
  /**
   * Persian nouns of two letters whose plural in ان is common (folded; `dictionaries/fa-short-plurals.txt`):
   * their plural loses the ان (زنان → زن), which otherwise needs three letters to remain.
   */
  readonly faShortPlurals: ReadonlySet<string>
  /**
   * Persian spellings that index as another one (folded; `dictionaries/fa-spelling-variants.txt`): a Persian
   * word starting with a key starts with its value instead, before stemming (مسوولان → مسیولان, بلیط → بلیت).
   */
  readonly faSpellingVariants: ReadonlyMap<string, string>
  /**
   * Arabic transliterations that index as another one (folded; `dictionaries/ar-spelling-variants.txt`): in
   * the Arabic stemmer, a word starting with a key after the article starts with its value instead (امیرکا →
   * امریکا, دیموقراطیه → دیمقراطیه).
   */
  readonly arSpellingVariants: ReadonlyMap<string, string>
  /**
   * Persian nouns with their broken plurals, one group per noun, singular first (folded surfaces;
   * `dictionaries/fa-broken-plurals.txt`): دلیل دلایل ادله.
   */
  readonly faBrokenPlurals: readonly (readonly string[])[]
  /** Arabic nouns with their broken plurals, as {@link faBrokenPlurals} (`dictionaries/ar-broken-plurals.txt`). */
  readonly arBrokenPlurals: readonly (readonly string[])[]
}

let lexicon: Lexicon | undefined

const foldAll = (words: readonly string[]) => new Set(words.map((w) => normalize(w)).filter(Boolean))

/** Each line's other spellings (folded) → its first spelling (folded); spellings that fold alike are dropped. */
function spellingMap(lines: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const line of lines) {
    const [canonical, ...others] = line.split(/\s+/).map((w) => normalize(w))
    for (const other of others) if (other !== canonical) map.set(other, canonical)
  }
  return map
}

/** Each line's words (folded), lines of fewer than two words left out. */
function wordGroups(lines: readonly string[]): string[][] {
  const groups: string[][] = []
  for (const line of lines) {
    const words = line
      .split(/\s+/)
      .map((w) => normalize(w))
      .filter(Boolean)
    if (words.length >= 2) groups.push(words)
  }
  return groups
}

/** First word (folded) → the second words (folded) of the two-word lines; other lines are left out. */
function compoundMap(lines: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const words of wordGroups(lines)) {
    if (words.length !== 2) continue
    const [first, second] = words as [string, string]
    const seconds = map.get(first)
    if (seconds === undefined) map.set(first, [second])
    else if (!seconds.includes(second)) seconds.push(second)
  }
  return map
}

/** Returns the folded dictionaries. */
export function getLexicon(): Lexicon {
  if (lexicon === undefined) {
    const stopCompounds = compoundMap(faStopCompounds)
    lexicon = {
      faStopWords: foldAll(faStopwords),
      arStopWords: foldAll(arStopwords),
      arShortPluralStems: new Set([...foldAll(arShortPlurals)].map((w) => w.slice(0, -1))),
      // Folded piece by piece between the آ (normalize would write them ا).
      arMaddaStopWords: new Set(
        arStopwords
          .filter((w) => w.includes('آ'))
          .map((w) =>
            w
              .split('آ')
              .map((p) => normalize(p))
              .join('آ'),
          ),
      ),
      arMaqsuraStopWords: (() => {
        const withYeh = foldAll(arStopwords.filter((w) => !w.endsWith('ى')))
        return new Set(
          [...foldAll(arStopwords.filter((w) => w.endsWith('ى')))].filter((w) => !withYeh.has(w)),
        )
      })(),
      arStemExceptions: foldAll(arStemExceptions),
      arTehWords: foldAll(arTehWords),
      arBalWords: foldAll(arBalWords),
      arKalWords: foldAll(arKalWords),
      arWalWords: foldAll(arWalWords),
      arWawWords: foldAll(arWawWords),
      arNameHeads: foldAll(arNameHeads),
      arCompounds: compoundMap(arCompounds),
      faStemExceptions: foldAll(faStemExceptions),
      faPastStems: foldAll(faPastStems),
      faStopCompounds: new Map([...stopCompounds].map(([head, tails]) => [head, new Set(tails)])),
      faStopCompoundTails: new Set([...stopCompounds.values()].flat()),
      faPresentStems: foldAll(faPresentStems),
      faHehPluralStems: new Set([...foldAll(faHehPlurals)].map((word) => word.slice(0, -1))),
      faHehYeWords: foldAll(faHehYeWords),
      faGafWords: foldAll(faGafWords),
      faShortPlurals: foldAll(faShortPlurals),
      faSpellingVariants: spellingMap(faSpellingVariants),
      arSpellingVariants: spellingMap(arSpellingVariants),
      faBrokenPlurals: wordGroups(faBrokenPlurals),
      arBrokenPlurals: wordGroups(arBrokenPlurals),
    }
  }
  return lexicon
}
