/**
 * The kavosh web demo: loads a saved index (built by scripts/build-index.ts) and searches it as you
 * type, with prefix completion and typo tolerance, highlighted snippets, facet counts by source and
 * language (click to filter) and the time each query took. Everything runs in the page; no server.
 */

// A real application writes `from 'kavosh'`; the demo uses the source so it needs no build of the library.
import { type SearchHit, SearchIndex, type SearchOptions } from '../../../src/index'

interface DemoDocument {
  id: string
  title?: string
  text: string
  source: string
  lang: 'fa' | 'ar'
}

interface IndexInfo {
  data: 'corpora' | 'sample'
  documents: number
  bytes: number
  sources: Record<string, number>
}

const FACET_FIELDS = ['source', 'lang'] as const
type FacetField = (typeof FACET_FIELDS)[number]

const LABELS: Record<string, string> = {
  source: 'منبع',
  lang: 'زبان',
  fa: 'فارسی',
  ar: 'عربی',
  farsnews: 'خبرگزاری فارس',
  varzesh3: 'ورزش سه',
  saudinewsnet: 'صحف سعودية',
  seeds: 'خبرهای نمونه',
  'sample-news': 'خبر (نمونه)',
  'sample-sport': 'ورزش (نمونه)',
  'sample-arabic': 'عربی (نمونه)',
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const queryInput = element<HTMLInputElement>('query')
const prefixBox = element<HTMLInputElement>('prefix')
const fuzzyBox = element<HTMLInputElement>('fuzzy')
const statusLine = element<HTMLParagraphElement>('status')
const facetPanel = element<HTMLElement>('facets')
const resultList = element<HTMLOListElement>('results')
const about = element<HTMLElement>('about')

const selected: Record<FacetField, Set<string>> = { source: new Set(), lang: new Set() }
const faNumber = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 })
const label = (value: string) => LABELS[value] ?? value

let index: SearchIndex<DemoDocument>
let pending = 0

async function start(): Promise<void> {
  const started = performance.now()
  const [bytes, info] = await Promise.all([
    fetch('index.kavosh').then((response) => {
      if (!response.ok) throw new Error(`index.kavosh: HTTP ${response.status} (run npm run web:index)`)
      return response.arrayBuffer()
    }),
    fetch('index-info.json')
      .then((response) => (response.ok ? (response.json() as Promise<IndexInfo>) : null))
      .catch(() => null),
  ])
  index = SearchIndex.load<DemoDocument>(new Uint8Array(bytes))
  const loadMs = performance.now() - started
  document.body.dataset.ready = 'true'
  document.body.dataset.data = info?.data ?? 'unknown'
  statusLine.textContent = `${faNumber.format(index.size)} سند بارگذاری شد (${faNumber.format(bytes.byteLength / 1e6)} مگابایت در ${faNumber.format(loadMs)} میلی‌ثانیه). بنویسید تا جستجو شود.`
  about.textContent =
    info?.data === 'corpora'
      ? 'داده‌ها: نمونه‌ای از پیکره‌های ارزیابی کاوش (خبرگزاری فارس، ورزش سه، صحف سعودية)، فقط برای ارزیابی.'
      : 'داده‌ها: نمونهٔ کوچکی که همراه مخزن کاوش است.'
  queryInput.disabled = false
  queryInput.addEventListener('input', schedule)
  prefixBox.addEventListener('change', schedule)
  fuzzyBox.addEventListener('change', schedule)
  element('search-form').addEventListener('submit', (event) => event.preventDefault())
  const initial = new URLSearchParams(location.search).get('q')
  if (initial !== null) queryInput.value = initial
  queryInput.focus()
  if (queryInput.value !== '') run()
}

/** One search per frame however fast the user types. */
function schedule(): void {
  if (pending !== 0) return
  pending = requestAnimationFrame(() => {
    pending = 0
    run()
  })
}

function run(): void {
  const query = queryInput.value
  const matchOptions: SearchOptions<DemoDocument> = { prefix: prefixBox.checked, fuzzy: fuzzyBox.checked }
  const filter = activeFilter()
  const started = performance.now()
  const hits = index.search(query, { ...matchOptions, filter, limit: 20, highlight: { length: 180 } })
  const counts = index.facets(query, [...FACET_FIELDS], matchOptions)
  const total =
    filter === undefined
      ? sum(counts.source)
      : sum(index.facets(query, ['source'], { ...matchOptions, filter }).source)
  const tookMs = performance.now() - started
  renderResults(hits)
  renderFacets(counts)
  if (query.trim() === '') {
    statusLine.textContent = `${faNumber.format(index.size)} سند در نمایه. بنویسید تا جستجو شود.`
    return
  }
  statusLine.innerHTML = `${faNumber.format(total)} سند یافت شد${total > hits.length ? ` (${faNumber.format(hits.length)} نتیجهٔ اول)` : ''} در <span class="timing" data-testid="timing" data-ms="${tookMs.toFixed(2)}">${faNumber.format(tookMs)} میلی‌ثانیه</span>`
}

function activeFilter(): ((document: { id: unknown } & Partial<DemoDocument>) => boolean) | undefined {
  const active = FACET_FIELDS.filter((field) => selected[field].size > 0)
  if (active.length === 0) return undefined
  return (document) => active.every((field) => selected[field].has(String(document[field])))
}

function renderResults(hits: SearchHit<DemoDocument>[]): void {
  resultList.replaceChildren(
    ...hits.map((hit) => {
      const item = document.createElement('li')
      item.dataset.id = String(hit.id)
      item.dataset.lang = hit.lang ?? ''
      const title = hit.highlights?.title?.html ?? escapeHtml(hit.title ?? String(hit.id))
      const snippet = hit.highlights?.text?.html ?? escapeHtml(cut(hit.text ?? '', 180))
      item.innerHTML = `<h3 dir="auto">${title}</h3>
        <div class="meta">${escapeHtml(label(hit.source ?? ''))} · ${escapeHtml(label(hit.lang ?? ''))} · <bdi>${escapeHtml(String(hit.id))}</bdi></div>
        <p class="snippet" dir="auto">${snippet}</p>`
      return item
    }),
  )
}

function renderFacets(counts: Record<string, Record<string, number>>): void {
  facetPanel.replaceChildren(
    ...FACET_FIELDS.map((field) => {
      const section = document.createElement('section')
      section.dataset.facet = field
      const heading = document.createElement('h2')
      heading.textContent = label(field)
      const list = document.createElement('ul')
      const values = new Set([...Object.keys(counts[field] ?? {}), ...selected[field]])
      for (const value of [...values].sort((a, b) => (counts[field]?.[b] ?? 0) - (counts[field]?.[a] ?? 0))) {
        const button = document.createElement('button')
        button.type = 'button'
        button.dataset.value = value
        button.setAttribute('aria-pressed', String(selected[field].has(value)))
        button.innerHTML = `<span>${escapeHtml(label(value))}</span><span class="count">${faNumber.format(counts[field]?.[value] ?? 0)}</span>`
        button.addEventListener('click', () => {
          if (selected[field].has(value)) selected[field].delete(value)
          else selected[field].add(value)
          run()
        })
        const item = document.createElement('li')
        item.append(button)
        list.append(item)
      }
      section.append(heading, list)
      return section
    }),
  )
}

function sum(counts: Record<string, number> | undefined): number {
  return Object.values(counts ?? {}).reduce((total, count) => total + count, 0)
}

function cut(text: string, length: number): string {
  return text.length <= length
    ? text
    : `${text.slice(0, text.lastIndexOf(' ', length) > 0 ? text.lastIndexOf(' ', length) : length)}…`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

start().catch((error: unknown) => {
  statusLine.textContent = `خطا در بارگذاری نمایه: ${error instanceof Error ? error.message : String(error)}`
  document.body.dataset.ready = 'error'
})
