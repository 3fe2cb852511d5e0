import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', elasticsearch: 'src/elasticsearch/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  platform: 'neutral',
  treeshake: true,
})
