// Performance marks for the dashboard's figures (bench/web measures them): each name is marked
// once per page load, in the frame after the content went into the DOM, so the mark falls just
// before the first paint that shows it.

const marked = new Set<string>();

export function markRendered(name: string): void {
  if (marked.has(name) || typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  marked.add(name);
  requestAnimationFrame(() => performance.mark(name));
}
