import { mkdirSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CliError } from '../../src/cli/exit-codes'
import { discoverInputs, formatLocation, type InputRecord, readRecords } from '../../src/cli/read-documents'
import { tempFolder } from './helpers'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.cleanup())

async function readAll(inputs: string[], stdin = ''): Promise<{ records: InputRecord[]; bytes: number }> {
  const { sources } = await discoverInputs(inputs, temp.dir)
  const counter = { bytes: 0 }
  const records: InputRecord[] = []
  for await (const record of readRecords(sources, {
    idField: 'id',
    stdin: Readable.from([stdin]),
    counter,
  })) {
    records.push(record)
  }
  return { records, bytes: counter.bytes }
}

const summary = (records: InputRecord[]) =>
  records.map((r) =>
    r.kind === 'document' ? `${formatLocation(r.location)} ok` : `${formatLocation(r.location)} ${r.message}`,
  )

describe('JSON Lines', () => {
  it('reports bad lines with their line number and keeps reading; blank lines are not records', async () => {
    writeFileSync(temp.file('a.jsonl'), '\uFEFF{"id":1}\n\n{"id":2,\n[1]\r\n"text"\n{"id":3}')
    const { records, bytes } = await readAll(['a.jsonl'])
    expect(summary(records)).toEqual([
      'a.jsonl:1 ok',
      expect.stringMatching(/^a\.jsonl:3 invalid JSON/),
      'a.jsonl:4 expected a JSON object, got an array',
      'a.jsonl:5 expected a JSON object, got a string',
      'a.jsonl:6 ok',
    ])
    expect(bytes).toBeGreaterThan(40)
  })
})

describe('JSON arrays', () => {
  it('reads elements with lines; a broken element is skipped, the next ones still load', async () => {
    writeFileSync(temp.file('a.json'), '[\n {"id": 1},\n {"id": 2, "x": tru},\n 7,\n {"id": 3}\n]\n')
    const { records } = await readAll(['a.json'])
    expect(summary(records)).toEqual([
      'a.json:2 (element 0) ok',
      expect.stringMatching(/^a\.json:3 \(element 1\) invalid JSON/),
      'a.json:4 (element 2) expected a JSON object, got a number',
      'a.json:5 (element 3) ok',
    ])
  })
  it('reads a .json file holding one object as one document', async () => {
    writeFileSync(temp.file('one.json'), '{\n "id": "x",\n "text": "سلام"\n}\n')
    const { records } = await readAll(['one.json'])
    expect(records).toEqual([
      { kind: 'document', document: { id: 'x', text: 'سلام' }, location: { file: 'one.json', line: 1 } },
    ])
  })
  it('reports an unclosed array at its line and says the rest was not read', async () => {
    writeFileSync(temp.file('cut.json'), '[{"id":1},\n{"id":2')
    const { records } = await readAll(['cut.json'])
    expect(summary(records)).toEqual([
      'cut.json:1 (element 0) ok',
      expect.stringMatching(/^cut\.json:2 invalid JSON array: .*not closed.*rest of the file/),
    ])
  })
})

describe('folders and stdin', () => {
  it('reads .txt/.md files recursively with relative ids, Markdown titles, hidden files skipped', async () => {
    mkdirSync(temp.file('notes/sub/.git'), { recursive: true })
    writeFileSync(temp.file('notes/b.md'), '# عنوان\n\nمتن')
    writeFileSync(temp.file('notes/sub/a.txt'), 'سلام')
    writeFileSync(temp.file('notes/sub/.git/x.txt'), 'hidden')
    writeFileSync(temp.file('notes/image.png'), 'png')
    writeFileSync(temp.file('notes/bad.txt'), Buffer.from([0xff, 0xfe, 0x41]))
    const { sources, skippedFiles } = await discoverInputs(['notes'], temp.dir)
    expect(sources.map((s) => s.name)).toEqual(['b.md', 'bad.txt', 'sub/a.txt'])
    expect(skippedFiles).toEqual(['notes/image.png'])
    const { records } = await readAll(['notes'])
    expect(records[0]).toMatchObject({
      kind: 'document',
      document: { id: 'b.md', title: 'عنوان', text: '# عنوان\n\nمتن' },
    })
    expect(records[1]).toMatchObject({
      kind: 'error',
      message: 'not valid UTF-8 text',
      location: { file: 'bad.txt' },
    })
    expect(records[2]).toMatchObject({ kind: 'document', document: { id: 'sub/a.txt', text: 'سلام' } })
  })
  it('reads stdin as JSON Lines or a JSON array', async () => {
    expect(summary((await readAll(['-'], '{"id":1}\n{"id":2}\n')).records)).toEqual([
      '<stdin>:1 ok',
      '<stdin>:2 ok',
    ])
    expect(summary((await readAll(['-'], '[{"id":1}]')).records)).toEqual(['<stdin>:1 (element 0) ok'])
  })
  it('fails with bad input (exit 2) for a missing path', async () => {
    const error = await discoverInputs(['missing.jsonl'], temp.dir).catch((e) => e)
    expect(error).toBeInstanceOf(CliError)
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/missing\.jsonl: no such file/)
  })
})
