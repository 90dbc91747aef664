import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// Hindi needs Devanagari glyphs, which many Linux desktops (and CI machines) lack: bundled, so the
// Hindi interface never shows empty boxes. The weights the pages use (normal, medium, semibold, bold).
import '@fontsource/noto-sans-devanagari/devanagari-400.css';
import '@fontsource/noto-sans-devanagari/devanagari-500.css';
import '@fontsource/noto-sans-devanagari/devanagari-600.css';
import '@fontsource/noto-sans-devanagari/devanagari-700.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
