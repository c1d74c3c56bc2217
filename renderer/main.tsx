import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n';
import { savedLanguage } from './app/i18n';
import { App } from './app/App';
import './app/app.css';

document.documentElement.lang = savedLanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
