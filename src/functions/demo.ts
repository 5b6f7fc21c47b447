// Temporary demo for the build pipeline; replaced by the real functions later.
export function hello(name: unknown): string {
  return `Hello, ${String(name ?? 'world')}!`;
}
