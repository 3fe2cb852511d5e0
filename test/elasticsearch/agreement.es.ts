/**
 * `npm run test:es`: the exported Elasticsearch/OpenSearch chain, built by Lucene's CustomAnalyzer, must
 * produce kavosh's terms on real text of every corpus in ../shared/corpora (fixed language and auto mode).
 * Prints a table per corpus and the classes of the remaining differences with examples; fails when
 * agreement drops below the figures documented in docs/elasticsearch.md.
 *
 * Sizes: KAVOSH_ES_DOCS (default 2000) documents and KAVOSH_ES_CHARS (default 1,000,000) characters per
 * corpus, whichever comes first. KAVOSH_CORPORA overrides the corpus folder.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze, resolveLanguage } from '../../src/analysis/analyzer'
import type { Language } from '../../src/analysis/types'
import {
  type AgreementRow,
  type CorpusDoc,
  corpusDirs,
  type DifferenceClass,
  formatReport,
  measureAgreement,
  mergedSettings,
  readCorpus,
  tokenAgreement,
} from './agreement'
import { compileHarness, type LuceneHarness } from './lucene'
import { findLucene } from './lucene-env.mjs'

/** Documented minimums (docs/elasticsearch.md), just under the measured figures. */
const MIN_TOKEN_AGREEMENT = 0.999
const MIN_IDENTICAL_DOCS = 0.99

const root =
  process.env.KAVOSH_CORPORA ?? join(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora')
const maxDocs = Number(process.env.KAVOSH_ES_DOCS ?? 2000)
const maxChars = Number(process.env.KAVOSH_ES_CHARS ?? 1_000_000)

const lucene = findLucene()
if (!lucene.ok) {
  const message = `test/elasticsearch SKIPPED: ${lucene.reason} (run \`npm run test:es\`, which can install liblucene8-java)`
  if (process.env.KAVOSH_REQUIRE_ES === '1') throw new Error(message)
  console.warn(`\n${'!'.repeat(78)}\n!!  ${message}\n${'!'.repeat(78)}\n`)
}

/** Hand-made strings for the corners the corpora rarely reach (no corpus text). */
const EDGE_CASES: string[] = [
  // Stop-word compounds written apart (dictionaries/fa-stop-compounds.txt), and near misses.
  'پیش بینی',
  'پيش  بيني شده',
  'پیش\u00a0بینی',
  'پیش \u200cبینی',
  'پیش\u200c بینی',
  'پیش بینی ها',
  'پیش بینیها',
  'پیش بینیی',
  'می پیش بینی',
  'پیش پیش بینی',
  'بی سابقه و بی شک تحت تأثیر',
  'قال إن پیش بینی الطقس',
  'كي روش في الملعب',
  'پیش، بینی',
  'کتاب ها',
  'کتاب\u00a0ها',
  'کتاب\u200bها',
  'کتاب\tها',
  'کتاب\nها',
  'کتاب  \u200c ها',
  'کتاب\u200c ها',
  'کتاب \u200cها',
  'کتاب ها ها',
  'خانه ای ها',
  'منطقهای هستهای میانهای دورهای',
  'بین‌منطقهای میمنطقهای منطقهایی',
  'می روم',
  'نمی روم',
  'می می روم',
  'می\u200c روم',
  ' \u200cمی روم',
  'می ها',
  'نمی \u200c خواهم',
  'بزرگ تر',
  'ب تر',
  'خسته ام',
  'رفته اند',
  'خانه ی من',
  'کتاب،ها',
  'کتاب.ها',
  'کتاب\u0640 ها',
  'کتاب\u064e ها',
  'ها',
  'می',
  'ﻛﺘﺎﺏ ﮐﺘﺎﺏ ﻻ ﷲ ﷺ ﷻ',
  'ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ',
  'هٰذا',
  '\u200fسلام\u200e کتا\u00adب کتاب\u200dها',
  'رحــــیم',
  '۱۴۰۲ ١٤٠٢ 1402',
  '۹متر covid19 abc۱۲۳',
  'Éléphant İstanbul ǅ ß Ωmega ＡＢＣ １２３',
  '😀کتاب😀 𝐀𝐁 中文字',
  `${'x'.repeat(70)} ${'ک'.repeat(70)}`,
  `${'گ'.repeat(65)} ها`,
  'کتاب\ue001ها \ue00a',
  'مسؤول سائل جزء',
  'a\u200cb',
  'الکتاب والکتاب بالکتاب للکتاب وکتاب',
  'المدرسة الكبرى في المدينة',
  'پژوهش ها در المدرسة',
  'گفتگو ها و چیز ها',
  'المدرسة الكبرى في المدينة الجديدة پژوهش ها ها',
  'المدرسة الكبرى في المدينة الجديدة می پژوهم',
  'المدرسة الكبرى في المدينة الجديدة پژوهش\u200cها گفتگو های',
  'المدرسة الكبرى في المدينة الجديدة پژوهش و ها',
  'میروند میز میلیونها نمی\u200cدانم',
  'دانشجویان ایرانیان دوستان استان زمان سازمان همزمان',
  'نرفتند نکرده\u200cاند نداشتن نتواند ن\u200cرفت نبردها نبرد نام نیامد نشاند نمیتواند میبیند نخند میبند',
  'بازدارندگی فرهنگی آلودگان',
  // Hamza-seat spellings (fa-spelling-variants.txt), inflected, after ZWNJ, and in an Arabic text (auto).
  'مسأله مسئله‌ها مساله مسؤولان مسوولیت‌های هیأت هیات‌های سئوالات سؤال جرأت سوالبارد',
  'المسؤول عن الهيئة مسؤولیت پژوهش',
  'بلیط\u200cها اطاق توفانی طهران هیجدهمین سئوال\u200cها سئوال ها امپراطوری ذغال\u200cسنگ',
  // Digit groups: a comma or ٬ before exactly three digits continues a number.
  'قیمت ۱٬۲۵۰٬۰۰۰ ریال و 1,000 دلار، 10,20,30 و 1,2345 و ۲٫۵ و 1\u200e,000 و 1,\u200e000 سال 1390,1391 1,000km',
  'بلغ 1,500 ريال و١٬٠٠٠',
  // Final hamza after alef: dropped from Persian words of four letters or more, also before a ZWNJ.
  'اعضاء اعضا امضاء‌ها فقهاء ماء ابتدا‌ء پژوهش',
  'کارگردانی بزرگتری',
  'بزرگان سرهنگان نهنگان‌شان خبرگان تشنگان نمایندگان بزرگانی بزرگ‌ها',
  'زنان زنانی زنان‌شان سران سرانی روان دهان کمان زبان نان',
  'ضرب\u200cالمثل',
  // ZWNJ ends a word; a stop word (no affix) before it joins a next word that is no stop word or affix.
  'بی\u200cکار پیش\u200cنویس\u200cها بین\u200cالمللی کتاب\u200cخانه',
  'این\u200cها چه\u200cبود تیم\u200cبود ایجاد\u200cشده\u200cاز کار\u200cبی\u200cرحم',
  'بی\u200c\u200cکار بی\u200c کار بی \u200cکار \u200cبی\u200c',
  'ها\u200cکار می\u200cبی\u200cکار بی\u200cمی\u200cروم بی\u200cها',
  'المدرسة الكبرى في المدينة الجديدة پیش\u200cنویس بی\u200cگناه پیش\u200cها',
  'اﷲ',
  'كتابي كتابى',
  'ﻣﻦ ﻓﻲ',
  'ۀ هٔ خانۀ خانهٔ',
  'كتبهم أرضنا السماء ماء فهم سهم هدفهم لبنانهم',
  'الله لله والله ولله بالله فالله فلله تالله عبدالله اللهم بله فله تله',
  // "hundred" (the alef of مائة) and the transliterations of ar-spelling-variants.txt, after the article and
  // a proclitic; words that only start alike.
  'مائة المائة بالمائة ومائة بمائة لمائتي مائتان مائتين مائتا خمسمائة وثلاثمائة بخمسمائة ماية مايو مايكل مائدة حماية',
  'أميركا الأميركية والأميركيين الديموقراطية أوربا الأوربية أوربان التليفزيون الكومبيوترات غوغل وقوقل غوغلييلمو',
  'القانون القانونية مليون فلسطين الفلسطينيين البحرين تحسين التحسينات الكاميرون',
  // An ال written آل is no article (the madda of آ): under proclitics, as a presentation form (ﺁ), beside
  // look-alikes without it; the stop words written with آ (آل, آلي); a Persian word with آ in Arabic text.
  'آلية الآلية وآلية بآلية للآلية آليات والآليات آلاف الآلاف بآلاف ﺁلاف ﺂلام آلام الأم الاف آل آلي آلهة الآلة إله الله آلله وآل',
  'الآلات القرآن منشآت قرآنی پژوهش آگاهی آلمانی آن',
  'ألعاب الألعاب وألعاب بألعاب العاب إلغاء الإلغاء ﺃلعاب ﺇلغاء إليه اليه إليهم إلى الى ألمانيا المانيا أل إل إلا ألا',
  'كتب إليه آلية ألف آلاف والآن الآن الان وآلان أإلى',
  'واحد وأحد الواحد واحدة وآحاد وجوه ودية وادي وراءه وإلى',
  'قوات القوات قواتها وقوات قوة جهات مرات مئات المئات آيات لغات ثبات نبات بنات شتات قوافل',
  'حكومته حكومتها حكومتهم حكومتكم حكومتنا والحكومة قوته لغتها بيته بيوتهم ثابتة الثابتة سياساته حياته نشرته تصويتهم ستة التهم المتهم متهم وحكومتها بحكومته آلتها',
  'الدولتين دولتان حكومتان مرتين فترتين قوتين كازاخستان بستان فستان دراستان مارتين بوتين البروتين ثابتتين بيوتان سنتين',
  // The accusative tanween's alef (TANWEEN_ALEF): after the alef or before it, with other marks, at the text's
  // end, before a ZWNJ, a digit, a ligature, a Latin letter; not final, not on a plain ا, short words, stop
  // words, a hamza seat, a Persian word in Arabic text.
  'رئيساً رئيسًا نشاطاًّ نشاطًّا كتاباً\u200cها كتاباً5 كتاباًﷲ كتاباًa كتبًاب عصا عصاً باً أباً ملجأً جداً أيضاً معاً قطعاً',
  'رئيسـاً رئيساٌ رئيساً ً رئيس\u0640ًا کاملاً پیشاً و گزارشاً اً ً كتاباً',
  'كلاً كﻻً ٱلمرءاً نسيئاً ﺍً كتابﺎً نحواً بأً',
  'گزارش\u200cآن کتاب آنها پژوهش آلودگی های',
  'النهائي النهائية الروائي الابتدائية الكهربائي كيميائي استثنائي رأي الرأي ایی بایی بنایی شایی',
  '',
  '   ',
]

function sample(dir: string): CorpusDoc[] {
  const docs = readCorpus(dir, maxDocs)
  let chars = 0
  const kept: CorpusDoc[] = []
  for (const d of docs) {
    if (kept.length > 0 && chars + d.text.length > maxChars) break
    kept.push(d)
    chars += d.text.length
  }
  return kept
}

describe.skipIf(!lucene.ok)('Elasticsearch/OpenSearch chain built by Lucene agrees with analyze()', () => {
  let harness: LuceneHarness
  let rows: AgreementRow[] = []
  let classes = new Map<string, DifferenceClass>()

  beforeAll(() => {
    expect(existsSync(root), `corpora not found at ${root}`).toBe(true)
    const started = Date.now()
    harness = compileHarness(lucene.jars ?? [])
    const corpora = corpusDirs(root).map((name) => ({ name, docs: sample(join(root, name)) }))
    ;({ rows, classes } = measureAgreement(harness, corpora))
    console.log(`\n${formatReport(rows, classes)}\n`)
    const total = rows.reduce(
      (t, r) => ({
        docs: t.docs + r.docs,
        identicalDocs: t.identicalDocs + r.identicalDocs,
        kavoshTokens: t.kavoshTokens + r.kavoshTokens,
        luceneTokens: t.luceneTokens + r.luceneTokens,
        commonTokens: t.commonTokens + r.commonTokens,
      }),
      { docs: 0, identicalDocs: 0, kavoshTokens: 0, luceneTokens: 0, commonTokens: 0 },
    )
    console.log(
      `All corpora and modes: ${total.docs} analyses, ${((100 * total.identicalDocs) / total.docs).toFixed(2)} % identical, ` +
        `${(100 * tokenAgreement(total)).toFixed(3)} % of ${total.kavoshTokens} tokens agree; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  })

  afterAll(() => harness?.dispose())

  it('agrees on every synthetic edge case (gaps, marks, ligatures, long words, private-use input, auto mode)', () => {
    const { settings, analyzer } = mergedSettings()
    const inputs = EDGE_CASES.flatMap((text, i) =>
      (['fa', 'ar', 'auto'] as const).map((language) => ({
        id: `${i}|${language}`,
        analyzer: analyzer(language, resolveLanguage(text, language)),
        text,
      })),
    )
    const got = harness.analyze(settings, inputs)
    const differences: string[] = []
    for (const input of inputs) {
      const language = input.id.split('|')[1] as Language
      const expected = analyze(input.text, { language }).map((t) => t.term)
      const actual = got.get(input.id)
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(
          `${language} ${JSON.stringify(input.text)}: kavosh ${JSON.stringify(expected)} ≠ Lucene ${JSON.stringify(actual)}`,
        )
      }
    }
    expect(differences).toEqual([])
  })

  it('covers every corpus in both modes', () => {
    const names = corpusDirs(root)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      expect(rows.filter((r) => r.corpus === name).map((r) => r.mode)).toEqual(['fixed', 'auto'])
    }
  })

  it(`agrees on ≥ ${100 * MIN_TOKEN_AGREEMENT} % of tokens and ≥ ${100 * MIN_IDENTICAL_DOCS} % of documents per corpus`, () => {
    for (const r of rows) {
      const where = `${r.corpus} (${r.mode})`
      expect(tokenAgreement(r), `${where}: tokens agree`).toBeGreaterThanOrEqual(MIN_TOKEN_AGREEMENT)
      expect(r.identicalDocs / r.docs, `${where}: identical documents`).toBeGreaterThanOrEqual(
        MIN_IDENTICAL_DOCS,
      )
    }
  })
})
