import { writeFile } from 'node:fs/promises';
import { apiRequest, callApi, type ApiResponse, type ApiTarget } from './api-client.js';
import { CliError } from './errors.js';
import { print } from './output.js';

/**
 * A document as the server sends it (HTML, PDF, CSV, an attachment); anything but 200 ends the
 * command with the server's own error message.
 */
export async function download(target: ApiTarget, urlPath: string): Promise<ApiResponse> {
  const response = await apiRequest(target, 'GET', urlPath);
  if (response.status !== 200) await callApi(target, 'GET', urlPath, undefined, response);
  return response;
}

/**
 * Writes a downloaded document to `out` and says so (or, without `out`, to standard output).
 * `keep` refuses to replace an existing file.
 */
export async function writeOut(
  response: ApiResponse,
  out: string | undefined,
  options: { json?: boolean | undefined; keep?: boolean },
): Promise<void> {
  if (out === undefined) {
    process.stdout.write(response.raw);
    return;
  }
  await writeFile(out, response.raw, options.keep ? { flag: 'wx' } : {}).catch((error: unknown) => {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new CliError(
      exists ? `${out} exists already; choose another --out` : `cannot write ${out}; check the folder`,
      2,
    );
  });
  print({ file: out, bytes: response.raw.length }, options.json, (r) => `wrote ${r.file} (${r.bytes} bytes)`);
}
