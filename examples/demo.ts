/**
 * The main job of the README: index the seed news articles (and, when ../shared/corpora is there, a few
 * thousand real Persian and Arabic news articles), then answer sample queries typed the way readers type
 * them — Arabic letters in Persian words, no ZWNJ, diacritics — with ranked, highlighted results.
 *
 * Run: npm install && npm run demo          (KAVOSH_CORPORA=/path/to/corpora to point elsewhere)
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeQuery, SearchIndex } from '../src/index'

interface Article {
  id: string
  lang?: string
  title?: string
  text: string
}

const here = dirname(fileURLToPath(import.meta.url))
const corpora = process.env.KAVOSH_CORPORA ?? join(here, '..', '..', 'shared', 'corpora')
const colour = process.stdout.isTTY
const mark = (s: string) => (colour ? `\x1b[1;33m${s}\x1b[0m` : `[${s}]`)

function readJsonl(file: string, limit = Infinity): Article[] {
  if (!existsSync(file)) return []
  const out: Article[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (out.length >= limit) break
    if (line.trim()) out.push(JSON.parse(line) as Article)
  }
  return out
}

/** Five short articles written for this demo, used when the shared corpora are not on this machine. */
const bundled: Article[] = [
  {
    id: 'demo-1',
    lang: 'fa',
    title: 'آتش‌بس در غزه',
    text: 'مذاکرات آتش‌بس در غزه با میانجی‌گری قطر و مصر ادامه دارد. نمایندگان دو طرف می‌گویند توافق نزدیک است.',
  },
  {
    id: 'demo-2',
    lang: 'fa',
    title: 'کتابخانه‌های تهران',
    text: 'کتابخانههای عمومی تهران در سال ۱۴۰۲ میزبان هزاران کتابخوان بودند.',
  },
  {
    id: 'demo-3',
    lang: 'ar',
    title: 'وقف إطلاق النار',
    text: 'تستمر المفاوضات حول وقف إطلاق النار في غزة بوساطة قطرية ومصرية.',
  },
  {
    id: 'demo-4',
    lang: 'ar',
    title: 'المكتبات العامة',
    text: 'زار آلاف القرّاء المكتبات العامّة في الرياض عام ٢٠٢٣.',
  },
  {
    id: 'demo-5',
    lang: 'fa',
    title: 'زلزله بم',
    text: 'بازسازی شهر زلزله‌زده بم پس از بیست سال هنوز ادامه دارد.',
  },
]

const seeds = readJsonl(join(corpora, 'seeds', 'docs.jsonl'))
const extra = [
  ...readJsonl(join(corpora, 'farsnews-varzesh3', 'docs.jsonl'), 1500),
  ...readJsonl(join(corpora, 'saudinewsnet', 'docs-000.jsonl'), 1500),
]
const docs = seeds.length > 0 ? [...seeds, ...extra] : bundled
if (seeds.length === 0) console.log(`(no corpora at ${corpora}: using the bundled demo articles)\n`)

const index = new SearchIndex<Article>({
  fields: ['title', 'text'],
  storeFields: ['title', 'text', 'lang'],
  languageField: 'lang',
  boost: { title: 2 },
})
const t0 = performance.now()
index.addAll(docs)
const ms = performance.now() - t0
const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text) + Buffer.byteLength(d.title ?? ''), 0) / 1e6
console.log(`indexed ${index.size} articles (${mb.toFixed(1)} MB) in ${ms.toFixed(0)} ms`)
const bytes = index.save()
console.log(`saved index: ${(bytes.length / 1e6).toFixed(2)} MB\n`)

/** The query's words as the index searches them: each word's readings (stems in each language), | apart. */
const readings = (query: string) =>
  analyzeQuery(query, { indexLanguages: ['fa', 'ar'] })
    .filter((clause) => !clause.optional)
    .map((clause) => clause.alternatives.map((terms) => terms.join(' ')).join('|'))
    .join(' + ')

const show = (label: string, query: string, options: Parameters<typeof index.search>[1] = {}) => {
  const t = performance.now()
  const hits = index.search(query, { limit: 3, highlight: { fields: ['text'], length: 120 }, ...options })
  const took = performance.now() - t
  console.log(
    `── ${label}: «${query}»  → searched as ${readings(query)}, ${hits.length} hits, ${took.toFixed(2)} ms`,
  )
  for (const hit of hits) {
    const h = hit.highlights?.text
    let snippet = h?.text ?? String(hit.text ?? '').slice(0, 120)
    if (h) {
      // Mark the matches inside the snippet, from the end so earlier offsets stay valid.
      for (const r of [...h.matches].sort((a, b) => b.start - a.start)) {
        const s = r.start - h.start
        const e = r.end - h.start
        snippet = snippet.slice(0, s) + mark(snippet.slice(s, e)) + snippet.slice(e)
      }
    }
    const title = hit.title || `${String(hit.text ?? '').slice(0, 60)}…`
    console.log(`  ${hit.score.toFixed(2)}  ${hit.id}  ${title}`)
    console.log(`        …${snippet.replace(/\s+/g, ' ')}…`)
  }
  console.log()
}

show('Persian, Arabic letters, no ZWNJ', 'آتشبس غزه')
show('Persian, spaced compound', 'آتش بس')
show('Persian plural written three ways', 'تلاش های دیپلماتیک')
show('Arabic with proclitics and diacritics', 'وَقْفُ إطلاق النار')
show('Arabic, no hamza, teh marbuta as heh', 'الحرکه الاسلامیه حماس')
show('phrase', '"نوار غزه"')
show('as-you-type prefix', 'روسی', { prefix: true })
show('typo tolerance', 'اسرائیبل', { fuzzy: true })
console.log(
  'suggest «آتش» (Persian articles):',
  index
    .suggest('آتش', { limit: 5, filter: (hit) => hit.lang === 'fa' })
    .map((s) => s.suggestion)
    .join(' · '),
)
