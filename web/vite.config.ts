import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The workspace UI, built into dist/web and served by `unmask serve`; works offline (no CDN).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: 'warn',
});
