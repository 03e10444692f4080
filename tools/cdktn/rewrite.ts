import { CDKTF_PACKAGES, CDKTN_DEV_PACKAGES, CDKTN_NODE_ENGINE, CDKTN_NODE_VERSION, CDKTN_PACKAGES } from "./versions";

/**
 * The cdktf → cdktn move as pure text rewrites, shared by `npm run migrate:cdktn` (in place) and
 * `npm run check:cdktn` (on a temporary copy). Every rewrite is idempotent: cdktn text maps to itself.
 */

/** A module specifier in an import, export, require(), import() or jest.mock() — the only places a package is named. */
const MODULE_SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*)(["'])((?:cdktf|@cdktf\/[a-z0-9-]+)(?:\/[^"']*)?)\2/g;

/** Deep provider imports map one to one: `@cdktf/provider-aws/lib/vpc` → `@cdktn/provider-aws/lib/vpc`. */
const PROVIDER_DEEP = /^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/;

/** Where a cdktf module is referenced, and whether the rewrite can map it. */
export interface ModuleReference {
  readonly line: number;
  readonly specifier: string;
  /** Why the rewrite cannot map it; undefined when it can. */
  readonly problem?: string;
}

function problemOf(specifier: string): string | undefined {
  if (specifier === "cdktf" || PROVIDER_DEEP.test(specifier)) return undefined;
  if (specifier.startsWith("cdktf/"))
    return 'a cdktf-internal path: cdktn\'s internals are laid out differently; import from "cdktf" itself';
  if (specifier === "@cdktf/provider-aws") return "the provider's root index: use a deep import (@cdktf/provider-aws/lib/<resource>)";
  return `no cdktn counterpart is pinned for ${specifier} (tools/cdktn/versions.ts)`;
}

/** Every cdktf module named in a TypeScript source. */
export function moduleReferences(source: string): ModuleReference[] {
  return [...source.matchAll(MODULE_SPECIFIER)].map((m) => ({
    line: source.slice(0, m.index).split("\n").length,
    specifier: m[3],
    problem: problemOf(m[3]),
  }));
}

/** Dynamic require()/import() whose module name is computed: no rewrite can see it. */
/** A computed require that names a module outside cdktf carries this comment on its line, so the rewrite may ignore it. */
export const NOT_CDKTF_MARKER = "not a cdktf module";

export function computedModuleNames(source: string): number[] {
  const lines = source.split("\n");
  return [...source.matchAll(/\b(?:require|import)\s*\(\s*(?!["'])(?!\))/g)]
    .map((m) => source.slice(0, m.index).split("\n").length)
    .filter((line) => !lines[line - 1].includes(NOT_CDKTF_MARKER));
}

/** A TypeScript source with its cdktf modules renamed; throws on a reference it cannot map. */
export function rewriteSource(source: string, file: string): string {
  const bad = moduleReferences(source).filter((r) => r.problem);
  if (bad.length) throw new Error(bad.map((r) => `${file}:${r.line}: "${r.specifier}" — ${r.problem}`).join("\n"));
  return source.replace(
    MODULE_SPECIFIER,
    (_all, lead: string, quote: string, specifier: string) =>
      `${lead}${quote}${specifier.replace(/^cdktf$/, "cdktn").replace(/^@cdktf\//, "@cdktn/")}${quote}`,
  );
}

/** `npx cdktf …`: the CLI as code runs it (scripts, workflows, tests). Other text naming cdktf may be data, e.g. a role description. */
export const rewriteCommands = (text: string): string => text.replace(/\bnpx (--no-install )?cdktf /g, "npx $1cdktn ");

/**
 * Commands in documentation and npm scripts: also bare `cdktf deploy …` at a line start, after `;`/`&&`/`|`,
 * an env assignment or in a code span.
 */
export const rewriteDocCommands = (text: string): string =>
  rewriteCommands(text).replace(/(^|[;&|`]\s*|=\S*\s+)cdktf (synth|deploy|diff|destroy|get|output|list)\b/gm, "$1cdktn $2");

/** A GitHub workflow's setup-node version, raised to the Node cdktn-cli runs on. */
export const rewriteWorkflow = (text: string): string =>
  rewriteCommands(text).replace(/(node-version:\s*)"?20(?:\.\d+){0,2}"?/g, `$1"${CDKTN_NODE_VERSION}"`);

type PackageJson = Record<string, any>;

/** package.json on cdktn: the cdktf packages swapped for the pinned cdktn ones, scripts renamed, Node ≥ 22. */
export function rewritePackageJson(pkg: PackageJson): PackageJson {
  const without = (deps: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(deps ?? {}).filter(([name]) => !(CDKTF_PACKAGES as readonly string[]).includes(name)));
  const sorted = (deps: Record<string, string>) => Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...pkg,
    engines: { ...pkg.engines, node: CDKTN_NODE_ENGINE },
    scripts: Object.fromEntries(Object.entries(pkg.scripts ?? {}).map(([name, command]) => [name, rewriteDocCommands(command as string)])),
    dependencies: sorted({ ...without(pkg.dependencies), ...CDKTN_PACKAGES }),
    devDependencies: sorted({ ...without(pkg.devDependencies), ...CDKTN_DEV_PACKAGES }),
  };
}
