import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('works on a fresh machine with no settings at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8443);
    expect(config.httpPort).toBe(8080);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.passwordRounds).toBeGreaterThanOrEqual(210_000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('takes flags over environment variables', () => {
    const config = loadConfig({ OXYGIS_PORT: '9000' }, { port: '9001', httpPort: 'off' });
    expect(config.port).toBe(9001);
    expect(config.httpPort).toBe('off');
  });

  it('reports every bad variable at once, by its environment name and flag', () => {
    let error: unknown;
    try {
      loadConfig({
        OXYGIS_PORT: 'eighty',
        OXYGIS_LOG_LEVEL: 'loud',
        OXYGIS_DATABASE_URL: 'mysql://x',
        OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const settings = (error as ConfigError).problems.map((p) => p.setting);
    expect(settings).toEqual(
      expect.arrayContaining([
        'OXYGIS_PORT (--port)',
        'OXYGIS_LOG_LEVEL (--log-level)',
        'OXYGIS_DATABASE_URL (--database-url)',
      ]),
    );
    expect((error as ConfigError).problems.find((p) => p.setting.startsWith('OXYGIS_PORT'))?.message).toMatch(
      /port/,
    );
  });

  it('needs the TLS certificate and key together, and the bootstrap e-mail and password together', () => {
    expect(() => loadConfig({ OXYGIS_TLS_CERT: '/x.pem' })).toThrow(/OXYGIS_TLS_KEY/);
    expect(() => loadConfig({ OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'a@b.test' })).toThrow(
      /OXYGIS_BOOTSTRAP_ADMIN_PASSWORD/,
    );
    expect(() =>
      loadConfig({ OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'a@b.test', OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: 'short' }),
    ).toThrow(/at least 12/);
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ OXYGIS_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ OXYGIS_HTTP_PORT: '-1' })).toThrow(ConfigError);
  });
});
