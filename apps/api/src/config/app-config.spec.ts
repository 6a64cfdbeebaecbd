import { ConfigError, loadConfig } from './app-config';

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
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/equipole' });
    expect(config.database).toEqual({ url: 'postgres://app@db:5432/equipole', embedded: false, poolSize: 10 });
    expect(config.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', DEMO_DATA: 'true' }).demoData).toBe(true);
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

  it('strips a trailing slash from PUBLIC_URL and treats empty values as unset', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://equipole.example.org/', DATABASE_URL: '' })).toMatchObject({
      publicUrl: 'https://equipole.example.org',
      database: { embedded: true },
    });
  });
});
