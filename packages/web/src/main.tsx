import '@mantine/core/styles.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.component';
import { initI18n } from './i18n/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// Translations are bundled, so this resolves at once; waiting for it avoids a flash of raw keys.
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
