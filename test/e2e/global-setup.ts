/**
 * Set-up of the end-to-end tests: Chromium present, demo index built, page built with Vite and served
 * by `vite preview` on 127.0.0.1 (a free port); the URL and the kind of data are provided to the tests.
 * The returned teardown stops the server.
 */

import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'
import type { TestProject } from 'vitest/node'
import { buildDemoIndex } from '../../examples/web/scripts/build-index'
import { ensureChromium } from './chromium'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    demoData: 'corpora' | 'sample'
  }
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/web')

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now()
  ensureChromium()
  const info = await buildDemoIndex()
  const configFile = path.join(webRoot, 'vite.config.ts')
  await build({ configFile, logLevel: 'warn' })
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const baseUrl = server.resolvedUrls?.local[0]
  if (baseUrl === undefined) throw new Error('vite preview did not report its URL')
  console.log(
    `e2e: ${info.documents} documents (${info.data}), page served at ${baseUrl} (set-up ${Math.round(performance.now() - started)} ms)`,
  )
  project.provide('baseUrl', baseUrl)
  project.provide('demoData', info.data)
  return async () => {
    await server.close()
  }
}
