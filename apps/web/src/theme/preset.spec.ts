// @vitest-environment node
/// <reference types="node" />
import Aura from '@primeuix/themes/aura';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AURA_COMPONENTS } from './preset';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const primevueDir = dirname(dirname(createRequire(import.meta.url).resolve('primevue/button')));
const PRIMEVUE_IMPORT = /from\s+['"]primevue\/([\w-]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function primevueImports(code: string): string[] {
  return [...code.matchAll(PRIMEVUE_IMPORT)].map((match) => match[1]);
}

/** The PrimeVue modules the app imports, and those they import in turn (Button → Badge). */
function usedPrimevueModules(): Set<string> {
  const pending = sourceFiles(srcDir).flatMap((file) => primevueImports(readFileSync(file, 'utf8')));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      pending.push(...primevueImports(readFileSync(join(primevueDir, name, 'index.mjs'), 'utf8')));
    } catch {
      // Not a component folder (e.g. `primevue/config`): nothing to follow.
    }
  }
  return seen;
}

describe('theme preset', () => {
  it('has the Aura tokens of every PrimeVue component the app renders', () => {
    const themed = new Set(Object.keys(Aura.components ?? {}));
    const used = [...usedPrimevueModules()].filter((name) => themed.has(name));
    expect(used).toContain('button');

    const missing = used.filter((name) => !(name in AURA_COMPONENTS));
    expect(missing, 'add these to AURA_COMPONENTS in theme/preset.ts').toEqual([]);
  });
});
