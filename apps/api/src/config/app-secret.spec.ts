import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appKeys } from './app-secret';

describe('appKeys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'equipole-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a random secret readable by its owner only on the first start, and reads it afterwards', () => {
    const file = join(dir, 'data', 'app-secret');
    const first = appKeys({ secret: { file } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = appKeys({ secret: { file } });
    expect(again.outbox.equals(first.outbox)).toBe(true);
    expect(again.deviceCookie.equals(first.deviceCookie)).toBe(true);
  });

  it('derives a different 256-bit key for each use, from APP_SECRET when it is set', () => {
    const keys = appKeys({ secret: { value: 'x'.repeat(40), file: join(dir, 'unused') } });
    expect(keys.outbox).toHaveLength(32);
    expect(keys.outbox.equals(keys.deviceCookie)).toBe(false);
    expect(keys.outbox.equals(appKeys({ secret: { value: 'y'.repeat(40), file: join(dir, 'unused') } }).outbox)).toBe(false);
    expect(() => statSync(join(dir, 'unused'))).toThrow();
  });

  it('refuses a secret file that holds no usable secret', () => {
    const file = join(dir, 'app-secret');
    writeFileSync(file, 'short\n');
    expect(() => appKeys({ secret: { file } })).toThrow(/holds no usable secret/);
  });
});
