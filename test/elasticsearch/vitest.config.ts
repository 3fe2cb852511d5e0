import { defineConfig } from 'vitest/config'

// The Lucene agreement test (`npm run test:es`); kept out of the default `vitest run` because it needs Java
// and takes a minute or two.
export default defineConfig({
  test: {
    include: ['test/elasticsearch/**/*.es.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
