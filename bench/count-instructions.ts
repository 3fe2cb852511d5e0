/**
 * Instructions per build, per query pass or per analysis pass, counted by valgrind (cachegrind without
 * its cache simulation) in a V8 made deterministic (`--single-threaded --predictable`): the same count
 * every run, whatever else the machine is doing. Wall-clock timings on the shared 2-core machines here
 * move by ±30 % from run to run, which hides the few-percent changes hot-path work is made of; this is the
 * A/B tool for those (issue #6). It counts work, not time: cache misses and memory traffic are not in it,
 * so a change that trades instructions for memory must still be timed (`bench/profile-index.ts`, the
 * full `npm run bench`).
 *
 *   npm run bench:instructions -- [--what build|parallel|query|analyze] [--docs 1000] [--corpus hamshahri]
 *        [--against REF]
 *
 * `parallel` is a kavosh/node pool build (1 worker and the calling thread, as in the bench): the count is
 * the work of both threads together, not the time. Unlike the others it is not deterministic: which thread
 * builds which segment, and whether a worker's idle release (a real-time timer, under valgrind's 30×
 * slowdown) fires between two segments, change the work (1,964 / 2,233 / 1,977 M for the same source and
 * 1,000 docs). Repeat it, and trust only differences larger than that.
 *
 * Each measurement runs the workload twice under valgrind, once with one repetition and once with three,
 * both after three untimed repetitions (`lib/instruction-driver.mjs`), and reports (I₃ − I₁) / 2: the
 * instructions of one steady-state repetition, without process start-up, module loading, corpus reading
 * and compilation. `--against REF` measures the sources of a git revision too (`git archive`, bundled the
 * same way) and prints the change. About a minute per measurement for 1,000 hamshahri documents (valgrind
 * runs the JIT-compiled code about 30× slower). Needs valgrind (Debian: `apt-get install valgrind`).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { argumentValue } from './lib/cli-options'
import { AB_CORPORA, bundleSources, revisionSources } from './lib/revision-bundle'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const corpora = process.env.KAVOSH_CORPORA ?? join(root, '..', 'shared', 'corpora')

const what = argumentValue('what', 'build')
const corpusName = argumentValue('corpus', 'hamshahri')
const maxDocs = Number(argumentValue('docs', '1000'))
const against = argumentValue('against', '')

function fail(message: string): never {
  console.error(`bench:instructions: ${message}`)
  process.exit(2)
}

if (!['build', 'parallel', 'query', 'analyze'].includes(what))
  fail(`--what must be build, parallel, query or analyze, not ${what}`)
const corpus =
  AB_CORPORA[corpusName] ?? fail(`unknown corpus ${corpusName} (${Object.keys(AB_CORPORA).join(', ')})`)
if (what === 'query' && corpus.queries === undefined) fail(`${corpusName} has no queries`)
if (!(maxDocs >= 1)) fail('--docs must be a positive number')
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
} catch {
  fail('valgrind is not installed (Debian: apt-get install valgrind)')
}
const docsPath = join(corpora, corpus.docs)
if (!existsSync(docsPath)) fail(`${docsPath} is absent (set KAVOSH_CORPORA to the corpora folder)`)

const work = mkdtempSync(join(tmpdir(), 'kavosh-instructions-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))

// The documents (and queries) the workload reads, cut here once so every measurement reads the same file.
const lines = readFileSync(docsPath, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .slice(0, maxDocs)
const docsFile = join(work, 'docs.jsonl')
writeFileSync(docsFile, `${lines.join('\n')}\n`)
const bytes = lines.reduce((sum, line) => {
  const d = JSON.parse(line) as { title?: string; text: string }
  return sum + Buffer.byteLength(d.title ?? '', 'utf8') + Buffer.byteLength(d.text, 'utf8')
}, 0)
const queriesFile = corpus.queries ? join(corpora, corpus.queries) : ''
const queryCount = queriesFile
  ? readFileSync(queriesFile, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0).length
  : 0

/** The library bundled from `srcDir` (see `bundleSources`), in the work folder. */
function bundle(srcDir: string, name: string): string {
  return bundleSources(srcDir, join(work, `${name}.mjs`), what === 'parallel')
}

/** Instructions valgrind counted for the workload with `reps` repetitions. */
function count(bundlePath: string, reps: number): Promise<number> {
  const driver = join(root, 'bench', 'lib', 'instruction-driver.mjs')
  const args = [
    '--tool=cachegrind',
    '--cache-sim=no',
    '--cachegrind-out-file=/dev/null',
    process.execPath,
    '--single-threaded',
    '--predictable',
    driver,
  ]
  const env = {
    ...process.env,
    KAVOSH_BUNDLE: bundlePath,
    KAVOSH_DOCS: docsFile,
    KAVOSH_QUERIES: queriesFile,
    WHAT: what,
    REPS: String(reps),
  }
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('close', (code) => {
      const match = /I\s+refs:\s+([\d,]+)/.exec(stderr)
      if (code !== 0 || match === null)
        reject(new Error(`valgrind exited with ${code}:\n${stderr.slice(-2000)}`))
      else resolve(Number(match[1].replaceAll(',', '')))
    })
  })
}

/** Instructions of one steady-state repetition: (I₃ − I₁) / 2, both runs at once (one per core). */
async function perRepetition(bundlePath: string): Promise<number> {
  const [one, three] = await Promise.all([count(bundlePath, 1), count(bundlePath, 3)])
  return (three - one) / 2
}

function describe(instructions: number): string {
  const unit =
    what === 'query'
      ? `${(instructions / queryCount / 1e3).toFixed(0)} k per query (${queryCount} queries)`
      : `${(instructions / bytes).toFixed(1)} per byte of text`
  return `${(instructions / 1e6).toFixed(1)} M instructions, ${unit}`
}

const label = `${what}, ${corpusName}, ${lines.length} docs (${(bytes / 1e6).toFixed(2)} MB)`
const current = await perRepetition(bundle(join(root, 'src'), 'current'))
console.log(`${label}\n  working tree: ${describe(current)}`)
if (against !== '') {
  let sources: string
  try {
    sources = revisionSources(root, against, join(work, 'against'))
  } catch (error) {
    fail(`cannot read the sources of ${against}: ${(error as Error).message}`)
  }
  const base = await perRepetition(bundle(sources, 'against'))
  const change = ((current - base) / base) * 100
  console.log(`  ${against}: ${describe(base)}\n  change: ${change >= 0 ? '+' : ''}${change.toFixed(2)} %`)
}
