/**
 * `npm run bench:readme`: splices bench/results/latest.md into README.md between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->`. If README.md lacks the markers they are appended under a
 * '## Performance and quality' heading (created if missing). Owns only that region of the README.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'
const HEADING = '## Performance and quality'

/** Returns `readme` with the text between the bench markers replaced by `table` (markers created if absent). */
export function spliceBenchResults(readme: string, table: string): string {
  const block = `${START}\n${table.trim()}\n${END}`
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start !== -1 && end > start) return readme.slice(0, start) + block + readme.slice(end + END.length)
  const base = readme.replace(/\s*$/, '')
  const headingAt = base.indexOf(HEADING)
  if (headingAt !== -1) {
    // Put the block right after the heading line so the lead's prose below it stays in place.
    const lineEnd = base.indexOf('\n', headingAt)
    if (lineEnd === -1) return `${base}\n\n${block}\n`
    return `${base.slice(0, lineEnd + 1)}\n${block}\n${base.slice(lineEnd + 1)}\n`
  }
  return `${base}${base ? '\n\n' : ''}${HEADING}\n\n${block}\n`
}

function main(): void {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
  const resultsPath = join(repo, 'bench', 'results', 'latest.md')
  const readmePath = join(repo, 'README.md')
  if (!existsSync(resultsPath)) {
    console.error(`bench:readme: ${resultsPath} not found; run \`npm run bench\` first`)
    process.exit(1)
  }
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : ''
  writeFileSync(readmePath, spliceBenchResults(readme, readFileSync(resultsPath, 'utf8')))
  console.error(`bench:readme: spliced ${resultsPath} into ${readmePath}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
