/**
 * The `kavosh` command line: declares the commands and options, parses arguments and maps every outcome
 * to a documented exit code. Runs in-process on a {@link CliIo}, so tests drive it without spawning.
 * Owns argument parsing and error-to-exit-code mapping; each command's work lives in `commands/`.
 */

// commander: the most used Node argument parser; subcommands, generated --help for every command,
// option choices/defaults/validation, variadic arguments, and exitOverride() so we own the exit codes.
// v13 keeps Node 18 support (our "engines"); it has no dependencies.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { version } from '../../package.json'
import type { Language } from '../analysis/types'
import { analyzeCommand } from './commands/analyze-command'
import { indexCommand } from './commands/index-command'
import { searchCommand } from './commands/search-command'
import { statsCommand } from './commands/stats-command'
import { CliError, EXIT_CODES_HELP, ExitCode, type ExitCodeValue } from './exit-codes'
import type { CliIo } from './io'

const LANGUAGES: Language[] = ['auto', 'fa', 'ar']

/**
 * Runs `kavosh` with `argv` (the arguments after the program name) and returns the exit code. Never
 * throws: usage errors, bad input and bugs all become messages on `io.stderr` and a code.
 *
 * @example
 * ```ts
 * const code = await runCli(['search', 'news.kavosh', 'آتش‌بس', '--json'], nodeIo)
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  let exitCode: ExitCodeValue = ExitCode.Ok
  const program = buildProgram(io, (code) => {
    exitCode = code
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage
    if (error instanceof CliError) {
      io.stderr.write(`kavosh: ${error.message}\n`)
      return error.exitCode
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.stderr.write(`kavosh: internal error (please report it): ${detail}\n`)
    return ExitCode.Internal
  }
}

function buildProgram(io: CliIo, setExitCode: (code: ExitCodeValue) => void): Command {
  const program = new Command('kavosh')
  const helpWidth = () => Math.min(io.stdout.columns ?? 100, 110)
  program
    .description('Full-text search for Persian and Arabic text: build, query and inspect kavosh index files.')
    .version(version, '-v, --version', 'print the kavosh version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: helpWidth,
      getErrHelpWidth: helpWidth,
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  kavosh index corpus.jsonl -o news.kavosh
  kavosh search news.kavosh "آتش‌بس غزه" --limit 5
  kavosh stats news.kavosh
  kavosh analyze "کتابهای ما"

${EXIT_CODES_HELP}`,
    )

  program
    .command('index')
    .summary('build an index file from JSONL, JSON arrays or folders of .txt/.md files')
    .description(
      `Build an index file from documents. Inputs are JSON Lines files (.jsonl, .ndjson), JSON files holding an array of objects (or one object), folders (walked for .txt/.md files: one document per file, id = path relative to the folder, a Markdown file's first "# heading" is its title) and "-" for stdin (JSON Lines or a JSON array). Bad records are listed with file and line and skipped (exit code 2), or stop the run with --strict (nothing written). A field named in --fields, --store or --lang-field that no document has is a warning, or with --strict an error (exit code 2, nothing written).`,
    )
    .argument('[inputs...]', 'files, folders, or - for stdin (default: stdin)')
    .requiredOption('-o, --output <file>', 'index file to write (replaced atomically)')
    .addOption(
      new Option('-f, --fields <list>', 'comma-separated fields to index')
        .argParser(parseList)
        .default(['title', 'text'], 'title,text'),
    )
    .option(
      '-s, --store <list>',
      'comma-separated fields to store and return with hits (default: the indexed fields and the language field)',
      parseList,
    )
    .option('--id <field>', 'field holding the document id', 'id')
    .addOption(
      new Option('--lang <language>', 'language of the documents').choices(LANGUAGES).default('auto'),
    )
    .option('--lang-field <field>', "field holding each document's language (fa, ar or auto)", 'lang')
    .option('--no-lang-field', 'ignore any per-document language field')
    .addOption(
      new Option('--boost <field=weight...>', 'weight of a field in ranking, e.g. title=2')
        .argParser(collectBoost)
        .default({}, 'none'),
    )
    .option('--no-stem', 'turn off light stemming')
    .option('--no-stop-words', 'keep stop words')
    .option(
      '--strict',
      'stop at the first bad record, or fail when a named field is in no document; write nothing (exit code 2)',
    )
    .option(
      '--max-errors <n>',
      'most bad records listed one by one (all are counted)',
      parsePositiveInteger,
      100,
    )
    .option('--no-progress', 'no progress bar or progress lines')
    .option('-q, --quiet', 'only print bad records, warnings and errors')
    .addHelpText(
      'after',
      '\nExamples:\n  kavosh index news.jsonl -o news.kavosh --fields title,text --store title,url,date,source,lang\n  kavosh index notes/ -o notes.kavosh\n  cat docs.jsonl | kavosh index - -o docs.kavosh --strict',
    )
    .action(async (inputs: string[], options, command: Command) => {
      setExitCode(
        await indexCommand(
          inputs,
          {
            ...options,
            fieldsGiven: command.getOptionValueSource('fields') === 'cli',
            langFieldGiven: command.getOptionValueSource('langField') === 'cli',
            strict: options.strict === true,
            quiet: options.quiet === true,
          },
          io,
        ),
      )
    })

  program
    .command('search')
    .summary('search an index file')
    .description(
      `Search an index file and print the ranked hits with the matched words highlighted (colour on a terminal, [brackets] otherwise), or with --json as machine-readable JSON. Query syntax: words, "phrases" (or «…»), -word to exclude.`,
    )
    .argument('<index>', 'index file (from kavosh index)')
    .argument('<query...>', 'query words (quote them, or not)')
    .option('-n, --limit <n>', 'most hits to print', parseNonNegativeInteger, 10)
    .option('--offset <n>', 'hits to skip (paging)', parseNonNegativeInteger, 0)
    .option('--json', 'print hits as JSON')
    .option(
      '-f, --fields <list>',
      'comma-separated fields to search (default: all indexed fields)',
      parseList,
    )
    .option(
      '--filter <field=value>',
      'keep hits whose stored field has this value (repeatable; same field = or)',
      collect,
    )
    .option('--sort <field[:asc|desc]>', 'order by a stored field instead of score (-field = descending)')
    .option('-p, --prefix', 'also match words starting with the last query word')
    .option(
      '--fuzzy [distance]',
      'tolerate typos (default distance: 1 for 3–5 letters, 2 for longer)',
      parseFuzzy,
      false,
    )
    .option('--and', 'every query word must match (default: any, best first)')
    .option('--snippet <chars>', 'target snippet length', parsePositiveInteger, 160)
    .option('--color', 'colour the matches even when not on a terminal')
    .option('--no-color', 'never use colour (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      '\nExamples:\n  kavosh search news.kavosh آتشبس\n  kavosh search news.kavosh "نوار غزه" -n 3 --filter source=irna --sort date:desc\n  kavosh search news.kavosh روسيه --fuzzy --json | jq ".hits[].id"',
    )
    .action(async (indexFile: string, query: string[], options) => {
      setExitCode(
        await searchCommand(
          indexFile,
          query.join(' '),
          {
            ...options,
            json: options.json === true,
            prefix: options.prefix === true,
            and: options.and === true,
            fuzzy: options.fuzzy ?? false,
            filter: options.filter ?? [],
          },
          io,
        ),
      )
    })

  program
    .command('stats')
    .summary('show what an index file holds and how it was built')
    .argument('<index>', 'index file')
    .option('--json', 'print as JSON')
    .action(async (indexFile: string, options) => {
      setExitCode(await statsCommand(indexFile, { json: options.json === true }, io))
    })

  program
    .command('analyze')
    .summary('show the index terms kavosh makes of a text')
    .description(
      'Show the terms kavosh produces for a text: the detected language, the normalised text, and each term with the word as written and its offsets. With --query, show how a query is expanded instead.',
    )
    .argument('[text...]', 'the text (default: read stdin)')
    .addOption(new Option('--lang <language>', 'analyse as this language').choices(LANGUAGES).default('auto'))
    .option('--no-stem', 'turn off light stemming')
    .option('--no-stop-words', 'keep stop words')
    .option('--query', 'analyse as a query (alternatives, compound forms)')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kavosh analyze "کتابهای ما"\n  kavosh analyze --query "آتش بس"\n  echo "والكتاب" | kavosh analyze --lang ar',
    )
    .action(async (words: string[], options) => {
      setExitCode(
        await analyzeCommand(
          words,
          { ...options, query: options.query === true, json: options.json === true },
          io,
        ),
      )
    })

  return program
}

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

function collectBoost(value: string, previous: Record<string, number> | undefined): Record<string, number> {
  const match = /^([^=]+)=(.+)$/.exec(value)
  const weight = match === null ? Number.NaN : Number(match[2])
  if (match === null || !Number.isFinite(weight) || weight <= 0) {
    throw new InvalidArgumentError('expected field=weight with a positive number, e.g. title=2')
  }
  return { ...previous, [match[1]]: weight }
}

function parseNonNegativeInteger(value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new InvalidArgumentError('expected a whole number ≥ 0')
  return number
}

function parsePositiveInteger(value: string): number {
  const number = parseNonNegativeInteger(value)
  if (number === 0) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return number
}

function parseFuzzy(value: string | undefined): number | boolean {
  if (value === undefined) return true
  const number = Number(value)
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError('expected an edit distance from 0 to 3')
  return number
}
