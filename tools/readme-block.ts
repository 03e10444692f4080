/**
 * Generated blocks in README.md live between an HTML-comment start and end marker; `npm run docs`
 * rewrites them and tests fail when they are stale.
 */
export function replaceBlock(readme: string, start: string, end: string, content: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} block`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}
