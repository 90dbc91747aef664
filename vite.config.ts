import tailwindcss from '@tailwindcss/vite';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './core/contract/csp';

// index.html's CSP meta comes from core/contract/csp.ts, the policy main and the browser-mode
// server send as a header, so the three cannot drift apart.
const cspMeta: Plugin = {
  name: 'rakeplan-csp-meta',
  // 'pre': before Vite's own %ENV% replacement looks at the placeholder.
  transformIndexHtml: { order: 'pre', handler: (html) => html.replace('%RAKEPLAN_CSP%', CONTENT_SECURITY_POLICY_META) },
};

// The bundled Devanagari font is under the SIL Open Font License, which travels with the font.
const fontLicence: Plugin = {
  name: 'rakeplan-font-licence',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'licenses/noto-sans-devanagari-OFL.txt',
      source: fs.readFileSync(path.resolve(__dirname, 'node_modules/@fontsource/noto-sans-devanagari/LICENSE')),
    });
  },
};

// The renderer: a static bundle Electron serves from app:// (main/protocol.ts) and browser mode from the host.
export default defineConfig({
  root: path.resolve(__dirname, 'renderer'),
  base: './',
  plugins: [tailwindcss(), cspMeta, fontLicence],
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
