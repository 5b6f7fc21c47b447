// Browser entry for looking at the sidebar without Apps Script: bundled by
// test/sidebar.test.ts (or by hand) and run before dist/Sidebar.html's own script.
// Options come from `window.__mockOptions`; the server is left on `window.__mock`.
import { createMockServer, installMockRun, type MockOptions } from './mockServer';

const w = window as unknown as { __mockOptions?: MockOptions & { delayMs?: number }; __mock?: unknown };
const options = w.__mockOptions ?? {};
const server = createMockServer(options);
w.__mock = server;
installMockRun(window, server, options.delayMs ?? 150);
