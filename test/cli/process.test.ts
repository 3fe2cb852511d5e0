import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonl, SAMPLE_DOCS, tempFolder } from './helpers'

// The real entry point in a child process: exit codes reach the shell, stdin is read, pipes work.
const main = path.resolve('src/cli/main.ts')
// tsx's loader by absolute URL: the child runs in a temp folder where `tsx` would not resolve.
const tsx = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href
const kavosh = (args: string[], cwd: string, input?: string) =>
  spawnSync(process.execPath, ['--import', tsx, main, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  })

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.cleanup())

describe('the kavosh process', () => {
  it('indexes stdin, searches, and exits with the documented codes', () => {
    const indexed = kavosh(['index', '-', '-o', 'news.kavosh'], temp.dir, jsonl(SAMPLE_DOCS))
    expect(indexed.status, indexed.stderr).toBe(0)
    const found = kavosh(['search', 'news.kavosh', 'آتشبس', '--json'], temp.dir)
    expect(found.status).toBe(0)
    expect(JSON.parse(found.stdout).hits[0].id).toBe('fa-1')
    writeFileSync(path.join(temp.dir, 'broken.kavosh'), 'KVSH')
    expect(kavosh(['stats', 'broken.kavosh'], temp.dir).status).toBe(3)
    expect(kavosh(['search'], temp.dir).status).toBe(1)
  }, 30_000)
})
