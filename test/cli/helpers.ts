/** In-memory process for running the CLI in tests: captured output, a given stdin, a temp folder. */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { CliIo } from '../../src/cli/io'
import { runCli } from '../../src/cli/program'

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `kavosh …args` in `cwd` with `stdin` text; no terminal unless `tty`. */
export async function run(
  args: string[],
  options: { cwd: string; stdin?: string; tty?: boolean; env?: Record<string, string> },
): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) as Readable & {
    isTTY?: boolean
  }
  stdin.isTTY = options.stdin === undefined && options.tty === true ? true : undefined
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty, columns: 80 },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
  }
  const code = await runCli(args, io)
  return { code, stdout, stderr }
}

/** A fresh temp folder, removed by the returned function. */
export function tempFolder(): { dir: string; cleanup: () => void; file: (name: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kavosh-cli-'))
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    file: (name) => path.join(dir, name),
  }
}

/** A few small documents written for these tests (not corpus text). */
export const SAMPLE_DOCS = [
  {
    id: 'fa-1',
    lang: 'fa',
    source: 'irna',
    date: '2023-11-02',
    title: 'آتش‌بس در غزه',
    text: 'مذاکره برای آتش‌بس در غزه ادامه دارد و کشورهای منطقه از آن حمایت می‌کنند.',
  },
  {
    id: 'fa-2',
    lang: 'fa',
    source: 'isna',
    date: '2023-11-01',
    title: 'کتابخانه‌های تهران',
    text: 'کتابخانه‌های عمومی تهران ساعت کار خود را افزایش دادند.',
  },
  {
    id: 'ar-1',
    lang: 'ar',
    source: 'sabq',
    date: '2023-11-03',
    title: 'وقف إطلاق النار',
    text: 'دعت الدول العربية إلى وقف إطلاق النار في غزة فوراً.',
  },
  {
    id: 'fa-3',
    lang: 'fa',
    source: 'irna',
    date: '2023-10-30',
    title: 'بازار کتاب',
    text: 'نمایشگاه کتاب امسال با حضور ناشران خارجی برگزار می‌شود.',
  },
]

export const jsonl = (docs: readonly object[]) => `${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n`
