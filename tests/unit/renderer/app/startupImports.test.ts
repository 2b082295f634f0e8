import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../../..');
const ENTRY = join(ROOT, 'renderer/main.tsx');

/** antd and the packages only antd brings (its styling engine and rc-* components). */
const ANTD_FAMILY = /^(antd|@ant-design\/|@rc-component\/|rc-)/;

/**
 * The module specifiers a file loads when it is evaluated: static imports and re-exports, not
 * `import type` (erased) and not `import()` (loaded later). Inline `type` specifiers still load the
 * module (verbatimModuleSyntax keeps the import), so they count.
 */
function staticImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** A relative specifier as a source file of ours, or null for assets (CSS, JSON, images). */
function resolveSource(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate)) ?? null;
}

/** Every source file and package the entry loads before anything is imported lazily. */
function startupGraph(entry: string): { readonly files: ReadonlySet<string>; readonly packages: ReadonlyMap<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file, readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        if (!packages.has(specifier)) packages.set(specifier, relative(ROOT, file));
        continue;
      }
      const resolved = resolveSource(file, specifier);
      if (resolved) pending.push(resolved);
    }
  }
  return { files, packages };
}

describe('the start-up bundle (issue 3: first map paint ≤ 1500 ms)', () => {
  const graph = startupGraph(ENTRY);
  const ours = new Set([...graph.files].map((file) => relative(ROOT, file)));

  it('draws the first screen without antd: no antd package is loaded before the map', () => {
    const antd = [...graph.packages].filter(([name]) => ANTD_FAMILY.test(name)).map(([name, by]) => `${name} (from ${by})`);
    expect(antd).toEqual([]);
  });

  it('does load the first screen and the map statically (the walk follows the real imports)', () => {
    expect(ours).toContain('renderer/app/FirstScreen.tsx');
    expect(ours).toContain('renderer/features/map/AtlasMap.tsx');
    expect(graph.packages.has('react-leaflet')).toBe(true);
  });

  it('leaves the workspace, the register and the top bar to the lazy part', () => {
    for (const lazyPart of ['renderer/app/AntdWorkspace.tsx', 'renderer/app/Workspace.tsx', 'renderer/app/TopBar.tsx', 'renderer/features/register/RegisterWorkspace.tsx']) {
      expect(existsSync(join(ROOT, lazyPart))).toBe(true);
      expect(ours).not.toContain(lazyPart);
    }
  });

  it('counts what is loaded on evaluation: imports, inline-type imports, re-exports and side-effect imports', () => {
    const text = [
      "import type { A } from 'antd';",
      "import { type B } from 'leaflet';",
      "import { C } from './c';",
      "import './style.css';",
      "export { D } from './d';",
      "export type { E } from './e';",
      "const lazyPart = import('./lazy');",
    ].join('\n');
    expect(staticImports('probe.ts', text)).toEqual(['leaflet', './c', './style.css', './d']);
  });
});
