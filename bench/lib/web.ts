import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a first visit downloads before anything renders: the entry module and the
 * modules index.html preloads, gzip-compressed at level 9 like a production server would.
 */
export function initialJavaScriptGzipBytes(distDir: string): { bytes: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((match) => match[1]);
  const bytes = files.reduce((total, file) => total + gzipSync(readFileSync(join(distDir, file.replace(/^\//, ''))), { level: 9 }).length, 0);
  return { bytes, files };
}
