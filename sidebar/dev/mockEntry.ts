// Browser entry for looking at the sidebar without Apps Script: bundled by
// test/sidebar.test.ts (or by hand) and run before dist/Sidebar.html's own script.
// Options come from `window.__mockOptions`; the server is left on `window.__mock`,
// and with `timing: 'held'` the test answers calls through `window.__mockGate`.
import { createMockServer, installMockRun, type MockOptions, type MockTiming } from './mockServer';

const w = window as unknown as { __mockOptions?: MockOptions & { timing?: MockTiming }; __mock?: unknown; __mockGate?: unknown };
const options = w.__mockOptions ?? {};
const server = createMockServer(options);
w.__mock = server;
w.__mockGate = installMockRun(window, server, options.timing ?? 150);
