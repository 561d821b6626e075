import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The console is built into the console service's static resources (the Maven build passes --outDir).
// `npm run dev` serves it with the four APIs and the change stream of a running `./timeflow up` behind it.
const consoleService = process.env.TIMEFLOW_CONSOLE_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': consoleService,
      '/console': consoleService,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
