import { ConfigError, loadConfig } from './app-config';

const SECRET = 'a'.repeat(64);

describe('loadConfig', () => {
  it('has safe defaults for the embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      database: { embedded: true, poolSize: 10, url: undefined },
      demoData: true,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, without demo data unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/equipole', APP_SECRET: SECRET });
    expect(config.database).toEqual({ url: 'postgres://app@db:5432/equipole', embedded: false, poolSize: 10, poolWaitMs: 10_000 });
    expect(config.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', DEMO_DATA: 'true', APP_SECRET: SECRET }).demoData).toBe(true);
  });

  it('starts business time at EQUIPOLE_NOW outside production, and ignores it in production', () => {
    expect(loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-03-28T01:30:00+01:00' }).clock.startAt?.toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(loadConfig({ NODE_ENV: 'development', EQUIPOLE_NOW: '2028-02-29T12:00:00Z' }).clock.startAt?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(loadConfig({ EQUIPOLE_NOW: '2027-03-28T01:30:00+01:00' }).clock).toEqual({ ignored: '2027-03-28T01:30:00+01:00' });
    expect(loadConfig({ NODE_ENV: 'test' }).clock).toEqual({ startAt: undefined });
  });

  it('refuses an EQUIPOLE_NOW without an offset or that is no real instant', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-03-28T01:30:00' })).toThrow(/EQUIPOLE_NOW must be an ISO 8601 instant/);
    expect(() => loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-02-30T01:30:00Z' })).toThrow(/EQUIPOLE_NOW/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: '70000', DATABASE_POOL_SIZE: 'many', PUBLIC_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_POOL_SIZE');
      expect(problems).toContain('PUBLIC_URL must be an http(s) URL');
    }
  });

  it('requires an APP_SECRET of 32 characters or more with a database server in production, and never echoes it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(/APP_SECRET: required with DATABASE_URL in production/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', APP_SECRET: 'too-short-secret' })).toThrow(/APP_SECRET must be at least 32 characters long .*\(got 16 characters\)/);
    expect(() => loadConfig({ APP_SECRET: 'too-short-secret' })).not.toThrow(/too-short-secret/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', APP_SECRET: SECRET }).secret.value).toBe(SECRET);
    // The embedded mode and development keep a generated secret in DATA_DIR.
    expect(loadConfig({ DATA_DIR: '/srv/equipole' }).secret).toEqual({ value: undefined, file: '/srv/equipole/app-secret' });
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/x' }).secret.value).toBeUndefined();
  });

  it('strips a trailing slash from PUBLIC_URL and treats empty values as unset', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://equipole.example.org/', DATABASE_URL: '' })).toMatchObject({
      publicUrl: 'https://equipole.example.org',
      database: { embedded: true },
    });
  });
});
