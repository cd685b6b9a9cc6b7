import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What PostgreSQL runs as archive_command (and, for restores, restore_command). PostgreSQL runs
 * as an unprivileged OS user that must not hold the backup keys nor the storage credentials, so
 * the command only hands the WAL file over to the running platform on a local socket and waits
 * for its answer: exit 0 only once the platform has stored the file durably.
 * Only Node built-ins: it must run without the platform's node_modules.
 */
const SCRIPT = `// Managed by Oxygis Cloud. Usage: node oxygis-archive.mjs push|fetch SOCKET HOME WAL_PATH WAL_NAME
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
const [mode, socketPath, home, walPath, walName] = process.argv.slice(2);
if (!['push', 'fetch'].includes(mode) || !socketPath || !home || !walPath || !walName) {
  process.stderr.write('oxygis archive: usage: push|fetch SOCKET HOME WAL_PATH WAL_NAME\\n');
  process.exit(2);
}
const token = readFileSync(path.join(home, 'archive.token'), 'utf8').trim();
const body = JSON.stringify({ client: path.basename(home), name: walName, path: path.resolve(walPath) });
const request = http.request(
  { socketPath, path: '/' + mode, method: 'POST', timeout: 600000,
    headers: { 'content-type': 'application/json', 'x-archive-token': token } },
  (response) => {
    let text = '';
    response.on('data', (chunk) => (text += chunk));
    response.on('end', () => {
      if (response.statusCode === 200) process.exit(0);
      process.stderr.write('oxygis archive: ' + mode + ' ' + walName + ' refused (' + response.statusCode + '): ' + text + '\\n');
      process.exit(1);
    });
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  process.stderr.write('oxygis archive: the platform is not reachable (' + error.message + '); PostgreSQL will retry\\n');
  process.exit(1);
});
request.end(body);
`;

export async function installArchiveScript(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const file = path.join(dir, 'oxygis-archive.mjs');
  await writeFile(file, SCRIPT, { mode: 0o644 });
  await chmod(file, 0o644);
  return file;
}

/** Single-quoted for PostgreSQL's shell: paths here never contain a quote (checked). */
function quote(value: string): string {
  if (value.includes("'")) throw new Error(`a path with a quote cannot go into archive_command: ${value}`);
  return `'${value}'`;
}

export function archiveCommand(node: string, script: string, socket: string, home: string): string {
  return `${quote(node)} ${quote(script)} push ${quote(socket)} ${quote(home)} %p %f`;
}

/** restore_command: the same script fetching a WAL file back from the archive. */
export function restoreCommand(node: string, script: string, socket: string, home: string): string {
  return `${quote(node)} ${quote(script)} fetch ${quote(socket)} ${quote(home)} %p %f`;
}
