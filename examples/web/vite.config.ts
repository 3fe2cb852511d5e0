import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))

// The demo imports kavosh from source (src/index.ts), so it needs no library build first.
export default defineConfig({
  root: here,
  base: './',
  build: { outDir: path.resolve(here, 'dist'), emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
