import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API server runs separately; in production it serves dist/ itself (same origin,
// which the SameSite=Strict session cookie requires).
const backend = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': backend, '/fhir': backend, '/healthz': backend },
  },
});
