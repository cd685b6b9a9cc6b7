import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, startPlatform, tempDir, type RunningPlatform } from '../support/platform.js';

const admin = {
  OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'cli@example.test',
  OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: 'cli test pass phrase 7',
};
let platform: RunningPlatform;
let configDir: string;

beforeAll(async () => {
  platform = await startPlatform({ env: admin });
  configDir = await tempDir('oxygis-cli-');
});

afterAll(async () => {
  await platform.stop();
  await removeDir(platform.dataDir);
  await removeDir(configDir);
});

const cliEnv = () => ({ OXYGIS_CONFIG_DIR: configDir, OXYGIS_DATA_DIR: platform.dataDir });

describe('the oxygis CLI', () => {
  it('lists its commands, and `start --help` documents every setting with its variable', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'status', 'login']) expect(help.stdout).toContain(command);
    const startHelp = await runCli(['start', '--help']);
    expect(startHelp.stdout).toMatch(/--data-dir <dir>.*\n?.*OXYGIS_DATA_DIR/);
    expect(startHelp.stdout).toContain('OXYGIS_DATABASE_URL');
    expect(startHelp.stdout).toContain('OXYGIS_TLS_CERT');
  });

  it('refuses bad configuration with every problem listed and exit code 2, without a stack trace', async () => {
    const result = await runCli(['start', '--port', 'http'], {
      env: { OXYGIS_LOG_LEVEL: 'chatty', OXYGIS_TLS_KEY: '/k.pem' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OXYGIS_PORT (--port)');
    expect(result.stderr).toContain('OXYGIS_LOG_LEVEL (--log-level)');
    expect(result.stderr).toMatch(/OXYGIS_TLS_CERT/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses misconfigured backup targets clearly', async () => {
    const cases: [string, RegExp][] = [
      ['not json', /OXYGIS_BACKUP_TARGETS.*expected a JSON list of backup targets/],
      [JSON.stringify([{ name: 'a', kind: 'local', path: '/tmp/a' }]), /at least two backup targets/],
      [
        JSON.stringify([
          { name: 'a', kind: 'local', path: '/tmp/a' },
          { name: 'a', kind: 'local', path: '/tmp/b' },
        ]),
        /its own name/,
      ],
      [
        JSON.stringify([
          { name: 'a', kind: 'tape' },
          { name: 'b', kind: 'local', path: '/b' },
        ]),
        /OXYGIS_BACKUP_TARGETS/,
      ],
    ];
    for (const [value, message] of cases) {
      const result = await runCli(['start'], { env: { OXYGIS_BACKUP_TARGETS: value } });
      expect(result.code, value).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('status without a token says whether the platform is ready', async () => {
    const result = await runCli(['status', '--url', platform.url, '--json'], { env: cliEnv() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ url: platform.url, ready: true });
  });

  it('login with a wrong password fails clearly and stores nothing', async () => {
    const result = await runCli(
      ['login', '--url', platform.url, '--email', admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL, '--password-stdin'],
      {
        env: cliEnv(),
        input: 'not the password\n',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/e-mail address or the password is wrong.*\(invalid_credentials\)/);
    await expect(stat(path.join(configDir, 'credentials.json'))).rejects.toThrow();
  });

  it('login keeps a token (file readable by the user only) that status then uses', async () => {
    const login = await runCli(
      [
        'login',
        '--url',
        platform.url,
        '--email',
        admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
        '--password-stdin',
        '--json',
      ],
      { env: cliEnv(), input: `${admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD}\n` },
    );
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({
      url: platform.url,
      account: { email: admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL },
    });
    const file = path.join(configDir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { token: string };
    expect(saved.token).toMatch(/^oxy_/);
    expect(login.stdout).not.toContain(saved.token); // the secret is not printed

    const status = await runCli(['status', '--json'], { env: { ...cliEnv(), OXYGIS_URL: platform.url } });
    expect(status.code).toBe(0);
    const body = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(body).toMatchObject({
      ready: true,
      database: { mode: 'embedded', ready: true },
      jobs: { running: true },
    });
    expect((body.database as { serverVersion: string }).serverVersion).toMatch(/^\d+\.\d+/);

    const human = await runCli(['status'], { env: { ...cliEnv(), OXYGIS_URL: platform.url } });
    expect(human.stdout).toMatch(/: ready\n\s+version .*\n\s+database: embedded, PostgreSQL \d+/);
  });

  it('accepts OXYGIS_TOKEN instead of a stored login, and says when the token is bad', async () => {
    const result = await runCli(['status'], {
      env: {
        OXYGIS_DATA_DIR: platform.dataDir,
        OXYGIS_CONFIG_DIR: configDir,
        OXYGIS_URL: platform.url,
        OXYGIS_TOKEN: 'oxy_forged',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/token is unknown or revoked.*oxygis login/);
  });

  it('explains an unreachable platform and an untrusted certificate', async () => {
    const down = await runCli(['status', '--url', 'https://localhost:1'], { env: cliEnv() });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach the platform at https:\/\/localhost:1: nothing is listening/);
    const elsewhere = await tempDir();
    const untrusted = await runCli(['status', '--url', platform.url], {
      env: { OXYGIS_CONFIG_DIR: configDir, OXYGIS_DATA_DIR: elsewhere },
    });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/certificate is not trusted.*--ca FILE/);
    const trusted = await runCli(['status', '--url', platform.url, '--ca', platform.caFile], {
      env: { OXYGIS_CONFIG_DIR: configDir, OXYGIS_DATA_DIR: elsewhere },
    });
    expect(trusted.code).toBe(0);
    await removeDir(elsewhere);
  });

  it('rejects a URL that is not one', async () => {
    const result = await runCli(['status', '--url', 'not a url'], { env: cliEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a URL/);
  });
});
