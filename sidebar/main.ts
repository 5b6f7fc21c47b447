// Sidebar entry: bundled by scripts/build.mjs (esbuild, iife) and inlined with
// style.css into dist/Sidebar.html. A starting point only.
import './style.css';

function start(): void {
  const status = document.getElementById('status');
  if (status) status.textContent = 'Ready.';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
