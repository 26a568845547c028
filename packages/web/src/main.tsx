import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { createHttpApiClient } from './api/client.ts';
import { AppProviders } from './app/app-providers.tsx';
import { AppRoutes } from './app/app-routes.tsx';
import './ui/styles.css';
import './app/layout.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');

const client = createHttpApiClient();

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <AppProviders client={client} request={client.request}>
        <AppRoutes />
      </AppProviders>
    </BrowserRouter>
  </StrictMode>,
);
