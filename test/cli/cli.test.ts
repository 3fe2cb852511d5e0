import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonl, run, SAMPLE_DOCS, tempFolder } from './helpers'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
  writeFileSync(temp.file('news.jsonl'), jsonl(SAMPLE_DOCS))
})
afterEach(() => temp.cleanup())

const cwd = () => temp.dir
const buildIndex = async (...extra: string[]) => {
  const result = await run(
    ['index', 'news.jsonl', '-o', 'news.kavosh', '--store', 'title,text,source,date,lang', ...extra],
    { cwd: cwd() },
  )
  expect(result.code, result.stderr).toBe(0)
  return result
}

describe('kavosh index', () => {
  it('indexes JSONL and reports a summary on stderr, nothing on stdout', async () => {
    const result = await buildIndex()
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/indexed 4 documents .* → news\.kavosh/)
    expect(readFileSync(temp.file('news.kavosh')).subarray(0, 4).toString()).toBe('KVSH')
  })
  it('lists bad records with file and line, skips them and exits 2', async () => {
    writeFileSync(
      temp.file('mixed.jsonl'),
      `${jsonl(SAMPLE_DOCS.slice(0, 2))}{oops\n{"text":"no id"}\n${JSON.stringify(SAMPLE_DOCS[0])}\n`,
    )
    const result = await run(['index', 'mixed.jsonl', '-o', 'out.kavosh'], { cwd: cwd() })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/mixed\.jsonl:3: skipped: invalid JSON/)
    expect(result.stderr).toMatch(/mixed\.jsonl:4: skipped: .*"id"/)
    expect(result.stderr).toMatch(/mixed\.jsonl:5: skipped: duplicate id "fa-1"/)
    expect(result.stderr).toMatch(/skipped 3 bad records/)
    expect(result.stderr).toMatch(/indexed 2 documents/)
    const stats = await run(['stats', 'out.kavosh', '--json'], { cwd: cwd() })
    expect(JSON.parse(stats.stdout).documents).toBe(2)
  })
  it('with --strict stops at the first bad record and writes nothing', async () => {
    writeFileSync(temp.file('mixed.jsonl'), `${jsonl(SAMPLE_DOCS.slice(0, 2))}[]\n`)
    const result = await run(['index', 'mixed.jsonl', '-o', 'out.kavosh', '--strict'], { cwd: cwd() })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/mixed\.jsonl:3: expected a JSON object/)
    expect(result.stderr).toMatch(/--strict.*nothing was written/)
    expect(() => readFileSync(temp.file('out.kavosh'))).toThrow()
  })
  it('reads stdin when the input is -', async () => {
    const result = await run(['index', '-', '-o', 'in.kavosh'], {
      cwd: cwd(),
      stdin: JSON.stringify(SAMPLE_DOCS),
    })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/indexed 4 documents/)
  })
  it('caps the listed errors but counts them all', async () => {
    writeFileSync(temp.file('bad.jsonl'), `${jsonl([SAMPLE_DOCS[0]])}${'x\n'.repeat(5)}`)
    const result = await run(['index', 'bad.jsonl', '-o', 'o.kavosh', '--max-errors', '2'], { cwd: cwd() })
    expect(result.code).toBe(2)
    expect(result.stderr.match(/skipped: invalid JSON/g)).toHaveLength(2)
    expect(result.stderr).toMatch(/and 3 more bad records/)
    expect(result.stderr).toMatch(/skipped 5 bad records/)
  })
  it('exits 2 with no documents and 1 for usage errors', async () => {
    writeFileSync(temp.file('empty.jsonl'), '\n')
    expect((await run(['index', 'empty.jsonl', '-o', 'e.kavosh'], { cwd: cwd() })).code).toBe(2)
    expect((await run(['index', 'news.jsonl'], { cwd: cwd() })).code).toBe(1) // no -o
    expect((await run(['index', 'news.jsonl', '-o', 'x', '--lang', 'en'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['index', 'news.jsonl', '-o', 'x', '--boost', 'title=abc'], { cwd: cwd() })).code).toBe(
      1,
    )
    expect((await run(['index', 'missing.jsonl', '-o', 'x'], { cwd: cwd() })).code).toBe(2)
    // No inputs and a terminal on stdin: say what to do instead of waiting for typed JSON.
    expect((await run(['index', '-o', 'x'], { cwd: cwd(), tty: true })).code).toBe(1)
  })
  it('warns when a field named in --fields or --store is in no document, and still writes the index', async () => {
    const result = await run(
      [
        'index',
        'news.jsonl',
        '-o',
        'typo.kavosh',
        '--fields',
        'titel,txt',
        '--store',
        'title,url',
        '--quiet',
      ],
      { cwd: cwd() },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe(
      [
        'warning: no document has the field "titel" (--fields)',
        'warning: no document has the field "txt" (--fields)',
        'warning: no document has the field "url" (--store)',
        'warning: none of the indexed fields (titel, txt) is in any document: the index holds no searchable text (choose the fields with --fields)',
        'note: the documents have the fields: id, lang, source, date, title, text',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await run(['stats', 'typo.kavosh', '--json'], { cwd: cwd() })).stdout).terms).toBe(0)
  })
  it('with --strict exits 2 and writes nothing when a named field is in no document', async () => {
    const result = await run(
      ['index', 'news.jsonl', '-o', 'typo.kavosh', '--fields', 'title,txt', '--strict'],
      {
        cwd: cwd(),
      },
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('warning: no document has the field "txt" (--fields)')
    expect(result.stderr).toMatch(/--strict.*nothing was written/)
    expect(() => readFileSync(temp.file('typo.kavosh'))).toThrow()
  })
  it('warns when no document has any of the default fields', async () => {
    writeFileSync(temp.file('body.jsonl'), jsonl([{ id: 'a', body: 'کتاب' }]))
    const result = await run(['index', 'body.jsonl', '-o', 'b.kavosh'], { cwd: cwd() })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/warning: none of the indexed fields \(title, text\) is in any document/)
    expect(result.stderr).toMatch(/note: the documents have the fields: id, body\n/)
  })
  it('does not warn about a field some documents lack, or a default field none has', async () => {
    const [first, ...rest] = SAMPLE_DOCS
    const { title: _, ...untitled } = first
    writeFileSync(temp.file('some.jsonl'), jsonl([untitled, ...rest]))
    const some = await run(
      ['index', 'some.jsonl', '-o', 's.kavosh', '--fields', 'title,text', '--store', 'title', '--strict'],
      { cwd: cwd() },
    )
    expect(some.code, some.stderr).toBe(0)
    expect(some.stderr).not.toMatch(/warning/)
    // .txt files have no title: the default fields still index their text, without a warning.
    mkdirSync(temp.file('notes'))
    writeFileSync(temp.file('notes/a.txt'), 'کتابخانه‌های تهران')
    const notes = await run(['index', 'notes', '-o', 'n.kavosh', '--strict'], { cwd: cwd() })
    expect(notes.code, notes.stderr).toBe(0)
    expect(notes.stderr).not.toMatch(/warning/)
  })
  it('exits 5 when the output cannot be written', async () => {
    const result = await run(['index', 'news.jsonl', '-o', 'no/such/folder/x.kavosh'], { cwd: cwd() })
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/cannot write/)
  })
})

describe('kavosh search', () => {
  it('finds Persian written with Arabic letters and without ZWNJ, with bracketed matches', async () => {
    await buildIndex()
    const result = await run(['search', 'news.kavosh', 'آتشبس'], { cwd: cwd() })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^1 hit for «آتشبس»/)
    expect(result.stdout).toContain('1. [آتش‌بس] در غزه')
    expect(result.stdout).toMatch(/fa-1 · score [\d.]+ · source: irna · date: 2023-11-02 · lang: fa/)
    expect(result.stdout).toContain('برای [آتش‌بس] در غزه')
    expect(result.stdout).not.toMatch(/\x1b|\u200F/)
  })
  it('colours matches and adds direction marks on a terminal', async () => {
    await buildIndex()
    const result = await run(['search', 'news.kavosh', 'كتاب'], { cwd: cwd(), tty: true })
    expect(result.stdout).toContain('\x1b[1;33m')
    expect(result.stdout).toContain('\u200F')
    const noColor = await run(['search', 'news.kavosh', 'كتاب'], {
      cwd: cwd(),
      tty: true,
      env: { NO_COLOR: '1' },
    })
    expect(noColor.stdout).not.toContain('\x1b[')
  })
  it('prints machine-readable hits with --json, filters and sorts', async () => {
    await buildIndex()
    const result = await run(
      [
        'search',
        'news.kavosh',
        'غزه',
        'کتاب',
        '--json',
        '--filter',
        'source=irna',
        '--filter',
        'source=sabq',
        '--sort',
        'date:desc',
      ],
      { cwd: cwd() },
    )
    expect(result.code).toBe(0)
    const output = JSON.parse(result.stdout)
    expect(output.query).toBe('غزه کتاب')
    expect(output.hits.map((hit: { id: string }) => hit.id)).toEqual(['ar-1', 'fa-1', 'fa-3'])
    expect(output.hits[0]).toMatchObject({
      source: 'sabq',
      lang: 'ar',
      highlights: { text: { matches: expect.any(Array) } },
    })
  })
  it('tolerates typos with --fuzzy and completes with --prefix', async () => {
    await buildIndex()
    const ids = async (...args: string[]) =>
      JSON.parse((await run(['search', 'news.kavosh', ...args, '--json'], { cwd: cwd() })).stdout).hits.map(
        (h: { id: string }) => h.id,
      )
    expect(await ids('کتابخانه')).toEqual(['fa-2'])
    expect(await ids('کتابخونه')).toEqual([])
    expect(await ids('کتابخونه', '--fuzzy')).toEqual(['fa-2'])
    expect(await ids('نمایشگ', '--prefix')).toEqual(['fa-3'])
  })
  it('exits 1 for a filter or sort on a field that is not stored, 0 for no hits', async () => {
    await buildIndex()
    expect((await run(['search', 'news.kavosh', 'غزه', '--filter', 'url=x'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['search', 'news.kavosh', 'غزه', '--filter', 'nonsense'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['search', 'news.kavosh', 'غزه', '--sort', 'url'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['search', 'news.kavosh', 'هیچ‌چیز'], { cwd: cwd() })).code).toBe(0)
  })
  it('names --filter and the stored fields when a filter field is not stored', async () => {
    await buildIndex()
    const result = await run(['search', 'news.kavosh', 'غزه', '--filter', 'nope=1'], { cwd: cwd() })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'kavosh: --filter: "nope" is not a stored field of news.kavosh; stored fields: title, text, source, date, lang\n',
    )
  })
  it('exits 2 for a missing index, 3 for a corrupt one', async () => {
    await buildIndex()
    expect((await run(['search', 'nope.kavosh', 'غزه'], { cwd: cwd() })).code).toBe(2)
    const bytes = readFileSync(temp.file('news.kavosh'))
    writeFileSync(temp.file('cut.kavosh'), bytes.subarray(0, bytes.length - 10))
    const cut = await run(['search', 'cut.kavosh', 'غزه'], { cwd: cwd() })
    expect(cut.code).toBe(3)
    expect(cut.stderr).toMatch(/cut\.kavosh is not a valid kavosh index/)
    writeFileSync(temp.file('text.kavosh'), 'hello')
    expect((await run(['stats', 'text.kavosh'], { cwd: cwd() })).code).toBe(3)
  })
  it('exits 4 for an index of a newer format version', async () => {
    await buildIndex()
    const bytes = new Uint8Array(readFileSync(temp.file('news.kavosh')))
    bytes[4] = 99
    writeFileSync(temp.file('new.kavosh'), bytes)
    expect((await run(['search', 'new.kavosh', 'غزه'], { cwd: cwd() })).code).toBe(4)
  })
})

describe('kavosh stats and analyze', () => {
  it('describes documents, terms, languages and build settings', async () => {
    await buildIndex('--boost', 'title=2')
    const result = await run(['stats', 'news.kavosh'], { cwd: cwd() })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/documents\s+4\n/)
    expect(result.stdout).toMatch(/languages\s+fa 3, ar 1/)
    expect(result.stdout).toMatch(/fields\s+title \(boost 2\), text/)
    expect(result.stdout).toMatch(/stored\s+title, text, source, date, lang/)
    const json = JSON.parse((await run(['stats', 'news.kavosh', '--json'], { cwd: cwd() })).stdout)
    expect(json).toMatchObject({
      documents: 4,
      languages: { fa: 3, ar: 1 },
      settings: { fields: ['title', 'text'] },
    })
    expect(json.terms).toBeGreaterThan(20)
  })
  it('shows the terms of a text with the words as written', async () => {
    const result = await run(['analyze', 'کتابهای', 'روسيه'], { cwd: cwd() })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/language\s+fa \(detected\)/)
    const json = JSON.parse((await run(['analyze', '--json', 'کتابهای روسيه'], { cwd: cwd() })).stdout)
    expect(json.terms.map((t: { term: string; word: string }) => [t.term, t.word])).toEqual([
      ['کتاب', 'کتابهای'],
      ['روسیه', 'روسيه'],
    ])
    const query = await run(['analyze', '--query', 'آتش بس'], { cwd: cwd() })
    expect(query.stdout).toMatch(/optional\s+آتش بس\s+→\s+اتشبس/)
  })
  it('reads the text from stdin', async () => {
    const json = JSON.parse(
      (await run(['analyze', '--json', '--lang', 'ar'], { cwd: cwd(), stdin: 'والكتاب' })).stdout,
    )
    expect(json.terms).toHaveLength(1)
  })
})

describe('help and usage', () => {
  it('prints help for every command with exit code 0, and the exit codes in the main help', async () => {
    const main = await run(['--help'], { cwd: cwd() })
    expect(main.code).toBe(0)
    expect(main.stdout).toMatch(/Exit codes:[\s\S]*3 +the index file is corrupt/)
    for (const command of ['index', 'search', 'stats', 'analyze']) {
      const help = await run([command, '--help'], { cwd: cwd() })
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(new RegExp(`Usage: kavosh ${command}`))
    }
  })
  it('exits 1 for an unknown command or option and for no command', async () => {
    expect((await run(['frobnicate'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['search', 'x.kavosh', 'q', '--bogus'], { cwd: cwd() })).code).toBe(1)
    expect((await run(['search', 'x.kavosh', 'q', '--limit', '-3'], { cwd: cwd() })).code).toBe(1)
    expect((await run([], { cwd: cwd() })).code).toBe(1)
  })
})
