// Sidebar entry: bundled by scripts/build.mjs (esbuild, iife) and inlined with
// style.css into dist/Sidebar.html.
import './style.css';
import { Sidebar } from './app';

function start(): void {
  const root = document.getElementById('app');
  if (root) void new Sidebar(root).start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
