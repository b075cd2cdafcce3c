import { cruise, type ICruiseResult } from 'dependency-cruiser';

/** A package's source root and how its files group into folders (the units that must not import in a circle). */
export interface FolderLayout {
  /** The source root, relative to the repository, e.g. `packages/core/src`. */
  readonly root: string;
  /** Pattern of a folder under the root, e.g. `[^/]+` (core) or `commands/[^/]+|[^/]+` (cli). */
  readonly folder: string;
}

/** The layouts CI checks: core's and cdk's folders, and the CLI's commands and shared folders. */
export const SOURCE_LAYOUTS: Readonly<Record<string, FolderLayout>> = {
  core: { root: 'packages/core/src', folder: '[^/]+' },
  cli: { root: 'packages/cli/src', folder: 'commands/[^/]+|[^/]+' },
  cdk: { root: 'packages/cdk/src', folder: '[^/]+' },
};

/**
 * The import cycles between folders of a package's sources, each as the folders in the circle (type-only
 * imports count: a folder that needs another's types depends on it). dependency-cruiser reads the imports;
 * its graph is collapsed to folders, whose strongly connected components are the cycles. Files directly
 * under the root (errors.ts, index.ts) are their own units.
 *
 * @example
 * await folderCycles({ root: 'packages/core/src', folder: '[^/]+' }); // [] when the folders form no circle
 */
export async function folderCycles(layout: FolderLayout): Promise<string[][]> {
  const result = await cruise([layout.root], {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    collapse: `^${layout.root}/(${layout.folder})`,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)index\\.ts$' },
  });
  const modules = (result.output as ICruiseResult).modules.filter((m) => m.source.startsWith(layout.root));
  const edges = new Map(
    modules.map((m) => [
      m.source,
      m.dependencies.map((d) => d.resolved).filter((to) => to.startsWith(layout.root) && to !== m.source),
    ]),
  );
  return stronglyConnected(edges).filter((component) => component.length > 1);
}

/** Tarjan's algorithm: the strongly connected components of a directed graph. */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return components;
}
