/**
 * `npx tsx bench/check-results.ts [file.json ...]`: checks that benchmark results are well formed (CI runs
 * it after `npm run bench -- --quick`). It validates shape only, never timings. Default file:
 * bench/results/quick.json, else bench/results/latest.json. Also checks the Markdown next to each file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateResults } from './lib/results'

/** Problems with one results file and its Markdown twin (empty when fine). */
export function checkResultsFile(jsonPath: string): string[] {
  if (!existsSync(jsonPath)) return [`${jsonPath} does not exist (run npm run bench first)`]
  let data: unknown
  try {
    data = JSON.parse(readFileSync(jsonPath, 'utf8'))
  } catch (e) {
    return [`${jsonPath}: not valid JSON (${(e as Error).message})`]
  }
  const problems = validateResults(data).map((p) => `${jsonPath}: ${p}`)
  const mdPath = jsonPath.replace(/\.json$/, '.md')
  if (!existsSync(mdPath)) problems.push(`${mdPath} does not exist`)
  else {
    const md = readFileSync(mdPath, 'utf8')
    for (const heading of ['### Corpora', '### Engines'])
      if (!md.includes(heading)) problems.push(`${mdPath}: missing '${heading}'`)
  }
  return problems
}

function main(): void {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
  let files = process.argv.slice(2)
  if (files.length === 0) {
    const quick = join(repo, 'bench', 'results', 'quick.json')
    files = [existsSync(quick) ? quick : join(repo, 'bench', 'results', 'latest.json')]
  }
  const problems = files.flatMap(checkResultsFile)
  if (problems.length > 0) {
    console.error(`bench results are malformed:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  console.error(`bench results OK: ${files.join(', ')}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
