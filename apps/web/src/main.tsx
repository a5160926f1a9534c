import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HOME, NAV, PAGES } from './pages';
import './styles.css';

createRoot(document.getElementById('root')!).render(<StrictMode><App pages={PAGES} nav={NAV} home={HOME} /></StrictMode>);
