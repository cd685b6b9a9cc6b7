import { removeDir, runCli, startPlatform, tempDir, type RunningPlatform } from './platform.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/** A running platform with SMTP, and an operator signed in with `oxygis login`. */
export interface CliSession {
  platform: RunningPlatform;
  smtp: TestSmtp;
  operator: { email: string; password: string };
  /** Runs `oxygis ARGS` as the signed-in operator. */
  cli(args: string[]): ReturnType<typeof runCli>;
  /** Runs `oxygis ARGS --json` and parses its output; a failure throws with the CLI's message. */
  json<T>(args: string[]): Promise<T>;
  stop(): Promise<void>;
}

export async function startCliSession(
  operator: { email: string; password: string },
  extraEnv: Record<string, string> = {},
): Promise<CliSession> {
  const smtp = await startSmtp();
  const platform = await startPlatform({
    env: {
      OXYGIS_BOOTSTRAP_ADMIN_EMAIL: operator.email,
      OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: operator.password,
      OXYGIS_SMTP_URL: smtp.url,
      ...extraEnv,
    },
  });
  const configDir = await tempDir('oxygis-cli-');
  const env = { OXYGIS_CONFIG_DIR: configDir, OXYGIS_DATA_DIR: platform.dataDir };
  const login = await runCli(
    ['login', '--url', platform.url, '--email', operator.email, '--password-stdin'],
    {
      env,
      input: operator.password,
    },
  );
  if (login.code !== 0) throw new Error(`oxygis login failed: ${login.stderr}`);
  const cli = (args: string[]) => runCli(args, { env: { ...env, OXYGIS_URL: platform.url } });
  return {
    platform,
    smtp,
    operator,
    cli,
    async json<T>(args: string[]): Promise<T> {
      const result = await cli([...args, '--json']);
      if (result.code !== 0) throw new Error(`oxygis ${args.join(' ')}: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    async stop() {
      await platform.stop();
      await smtp.stop();
      await removeDir(platform.dataDir);
      await removeDir(configDir);
    },
  };
}
