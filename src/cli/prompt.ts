import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './errors.js';

/** Asks on the terminal; `hidden` keeps a password off the screen. */
export function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new CliError(
      'no terminal to ask on: pass the value as an option (for a password: --password-stdin)',
      2,
    );
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
    muted = hidden;
  });
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
