import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleOf, SRC, sourceFiles, stripComments } from './table-ownership.js';

/**
 * How modules meet (README "How modules meet"): imports go one way, the lower module emits events
 * after commit or is called by the upper one. No module dodges that with a global feature module, a
 * provider token another module implements (a "hook"), or a forward reference. No allow-list: the
 * infrastructure modules that are global (`ConfigModule`, `CommonModule`, `JobsModule`) are named
 * here with their reason.
 */
const GLOBAL_INFRASTRUCTURE: Record<string, string> = {
  'config/config.module.ts': 'the validated settings every module reads',
  'common/common.module.ts': 'Clock and the cross-cutting kit',
  'modules/jobs/jobs.module.ts': 'the queue backend (forRoot), the queues and JobsService every job-running module uses',
};

const files = sourceFiles().map((path) => ({ path, rel: relative(SRC, path).split('\\').join('/'), code: stripComments(readFileSync(path, 'utf8')) }));

describe('module wiring', () => {
  it('no @Global() feature module', () => {
    const globals = files.filter((f) => /@Global\(\)/.test(f.code)).map((f) => f.rel);
    expect(globals.filter((g) => !(g in GLOBAL_INFRASTRUCTURE))).toEqual([]);
    expect(Object.keys(GLOBAL_INFRASTRUCTURE).filter((g) => !globals.includes(g))).toEqual([]);
  });

  it('no forwardRef', () => {
    expect(files.filter((f) => /\bforwardRef\s*\(/.test(f.code)).map((f) => f.rel)).toEqual([]);
  });

  it("no provider token of another module (a hook implemented elsewhere: `{ provide: TheirClass, useExisting/useClass: Ours }`)", () => {
    const hooks: string[] = [];
    for (const f of files) {
      const own = moduleOf(f.path);
      for (const m of f.code.matchAll(/\bprovide:\s*([A-Z]\w*)/g)) {
        const name = m[1]!;
        const from = new RegExp(`import\\s*(?:type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]([^'"]+)['"]`).exec(f.code)?.[1];
        if (!from || !from.startsWith('.')) continue;
        const target = moduleOf(resolve(dirname(f.path), from.replace(/\.js$/, '.ts')));
        if (target !== own) hooks.push(`${f.rel}: provides ${name} of ${target}`);
      }
    }
    expect(hooks).toEqual([]);
  });
});
