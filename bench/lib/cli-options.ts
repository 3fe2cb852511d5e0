/**
 * Command-line options of `npm run bench`. Kept separate from run.ts so they can be tested.
 */
import { ALL_COLLECTION_NAMES } from './corpora'
import { SECTIONS, type SectionName } from './results'

export const LIBRARIES = ['kavosh', 'minisearch', 'flexsearch', 'orama', 'lucene'] as const

export interface CliOptions {
  quick: boolean
  corporaDir?: string
  corpora: string[]
  /** Library names ('minisearch') or engine ids ('minisearch/fa-ar'). Empty = all. */
  libs: string[]
  sections: SectionName[]
  /** Basename of the output files in bench/results (default: latest, quick or partial). */
  out?: string
  help: boolean
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick                 small slices, finishes in well under a minute (writes bench/results/quick.*)
  --corpora DIR           corpora folder (default: $KAVOSH_CORPORA, else <repo>/../shared/corpora)
  --corpus NAME[,NAME]    collections to use (default: all present); names:
                          ${ALL_COLLECTION_NAMES.join(', ')}
  --lib NAME[,NAME]       libraries or engine ids: ${LIBRARIES.join(', ')}, e.g. minisearch/fa-ar
                          (lucene: builds in turn with kavosh, when a JDK and Lucene's jars are found)
  --section NAME[,NAME]   ${SECTIONS.join(', ')} (default: all)
  --out NAME              write bench/results/NAME.json and NAME.md
  --help

A full run with no --corpus/--lib/--section writes bench/results/latest.{json,md} (committed, spliced into
the README by npm run bench:readme); a selective full run writes partial.{json,md}; --quick writes quick.*.`

/**
 * The value after `--name` on the command line, or `fallback` when the flag is absent or last: the one
 * option reader of the smaller bench tools (`profile-index.ts`, `count-instructions.ts`).
 */
export function argumentValue(
  name: string,
  fallback: string,
  argv: readonly string[] = process.argv,
): string {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback
}

function list(value: string | undefined, flag: string): string[] {
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`)
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  const o: CliOptions = { quick: false, corpora: [], libs: [], sections: [], help: false }
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]
    const eq = raw.indexOf('=')
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--quick':
        o.quick = true
        break
      case '--corpora': {
        const dir = value()
        if (!dir) throw new Error('--corpora needs a value')
        o.corporaDir = dir
        break
      }
      case '--corpus':
        o.corpora.push(...list(value(), flag))
        break
      case '--lib':
        o.libs.push(...list(value(), flag))
        break
      case '--section':
        for (const s of list(value(), flag)) {
          if (!(SECTIONS as readonly string[]).includes(s))
            throw new Error(`unknown section '${s}' (known: ${SECTIONS.join(', ')})`)
          o.sections.push(s as SectionName)
        }
        break
      case '--out':
        o.out = list(value(), flag)[0]
        break
      case '--help':
      case '-h':
        o.help = true
        break
      default:
        throw new Error(`unknown option '${raw}'\n\n${USAGE}`)
    }
  }
  for (const lib of o.libs) {
    const base = lib.split('/')[0]
    if (!(LIBRARIES as readonly string[]).includes(base))
      throw new Error(`unknown library '${lib}' (known: ${LIBRARIES.join(', ')})`)
  }
  return o
}

/** Output basename: explicit --out, else quick / latest (full, nothing selected) / partial. */
export function outputName(o: CliOptions): string {
  if (o.out) return o.out
  if (o.quick) return 'quick'
  return o.corpora.length === 0 && o.libs.length === 0 && o.sections.length === 0 ? 'latest' : 'partial'
}
