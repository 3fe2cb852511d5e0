/**
 * `npx tsx bench/render.ts bench/results/latest.json`: re-renders the Markdown report next to a results
 * file (e.g. after changing the report layout) without re-running the benchmark. The Lucene reference
 * column comes from bench/results/lucene.json when it exists.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { loadLuceneResults } from './lib/lucene-results'
import { renderMarkdown } from './lib/report-markdown'
import { type BenchResults, validateResults } from './lib/results'

const file = process.argv[2]
if (!file?.endsWith('.json')) {
  console.error('usage: npx tsx bench/render.ts bench/results/<name>.json')
  process.exit(2)
}
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
const problems = validateResults(results)
if (problems.length > 0) {
  console.error(`${file} is malformed:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
writeFileSync(file.replace(/\.json$/, '.md'), renderMarkdown(results, loadLuceneResults()))
console.error(`wrote ${file.replace(/\.json$/, '.md')}`)
