// `npm run build` (run by the root `prepare`, so `npm ci` builds): each workspace package's JavaScript into
// dist/ with esbuild, and its type declarations into dist/types with tsc's project references
// (tsconfig.build.json). The entries are read from package.json: every `exports` (and `imports`) entry that
// names the source condition maps that source file to its `default` file in dist/.
import { execFileSync } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCE_CONDITION } from './sourceRun.js';

interface PackageJson {
  readonly name: string;
  readonly workspaces?: readonly string[];
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly exports?: Record<string, unknown>;
  readonly imports?: Record<string, unknown>;
}

/** One bundle: a source file (`./src/x.ts`) and the file it builds to (`./dist/y.js`), with its declarations. */
interface Entry {
  readonly source: string;
  readonly output: string;
  readonly types?: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function entriesOf(packageJson: PackageJson): Entry[] {
  const targets = [...Object.values(packageJson.exports ?? {}), ...Object.values(packageJson.imports ?? {})];
  return targets.flatMap((target) => {
    if (typeof target !== 'object' || target === null) return [];
    const conditions = target as Record<string, string | undefined>;
    const source = conditions[SOURCE_CONDITION];
    const output = conditions.default;
    if (!source || !output) return [];
    return [{ source, output, types: conditions.types }];
  });
}

/** Builds the entries into dist/ and returns the packages their code imports at run time. */
async function buildJavaScript(directory: string, entries: readonly Entry[]): Promise<Set<string>> {
  const { metafile } = await build({
    absWorkingDir: directory,
    entryPoints: entries.map((entry) => ({
      in: entry.source,
      out: path.relative('dist', entry.output).replace(/\.js$/, ''),
    })),
    outdir: 'dist',
    // Each entry is bundled with the package's own modules (a JSON import, such as the version read from
    // package.json, is inlined); every package import stays an import, resolved at run time from the
    // dependencies that package.json declares. Modules shared by entries go to chunks, so an error class
    // imported through two entries is still one class.
    bundle: true,
    packages: 'external',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
  });
  const imported = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => packageName(i.path)),
  );
  return new Set(imported);
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

const rootPackage = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const workspaces = await Promise.all(
  (rootPackage.workspaces ?? []).map(async (workspace) => {
    const directory = path.join(root, workspace);
    const packageJson = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as PackageJson;
    return { directory, packageJson, entries: entriesOf(packageJson) };
  }),
);

for (const { directory, packageJson, entries } of workspaces) {
  await rm(path.join(directory, 'dist'), { recursive: true, force: true });
  const imported = await buildJavaScript(directory, entries);
  // In the monorepo every package finds every hoisted dependency; once installed from npm, only its own (and
  // the peers its user installs: aws-cdk-lib for @dynamo-dr/cdk).
  const declared = { ...packageJson.dependencies, ...packageJson.peerDependencies };
  const undeclared = [...imported].filter((name) => !(name in declared));
  if (undeclared.length > 0) {
    throw new Error(`${packageJson.name} imports ${undeclared.join(', ')}: add them to its package.json dependencies.`);
  }
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-b', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// A `types` path that tsc did not write is a typo in package.json that only a consumer would notice.
for (const { directory, entries } of workspaces) {
  for (const { types } of entries) if (types) await access(path.join(directory, types));
}
