#!/usr/bin/env node
// The `oxygis` command: runs the compiled CLI (npm install builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Password hashing takes at most one pool thread per core (src/identity/password-hash.ts); a
// larger pool keeps threads free for file reads, DNS and zlib meanwhile. Set before first use.
process.env.UV_THREADPOOL_SIZE ??= '8';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'oxygis: the platform is not built yet; run `npm install` (or `npm run build`) first\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
