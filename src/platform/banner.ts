import type { BootstrapResult } from '../identity/setup.service.js';

/** What `oxygis start` tells a person once the platform is up. */
export function startBanner(options: {
  consoleUrl: string;
  httpPort: number | undefined;
  caFile: string;
  generatedCertificate: boolean;
  databaseMode: 'embedded' | 'external';
  mail: string;
  /** Port of the helpdesk's inbound SMTP server, when it runs. */
  inboundMailPort?: number | undefined;
  bootstrap: BootstrapResult;
}): string {
  const lines = ['', `Oxygis Cloud is running: ${options.consoleUrl}`];
  if (options.httpPort !== undefined)
    lines.push(`  plain HTTP on port ${options.httpPort} redirects to HTTPS`);
  lines.push(`  control-plane database: ${options.databaseMode}`, `  outgoing mail: ${options.mail}`);
  if (options.inboundMailPort !== undefined)
    lines.push(
      `  helpdesk e-mail: SMTP on port ${options.inboundMailPort} (tickets from clients' addresses)`,
    );
  if (options.generatedCertificate) {
    lines.push(`  certificate signed by the platform's local CA: ${options.caFile}`);
    lines.push(
      '  (import that CA in your browser, or set OXYGIS_TLS_CERT/OXYGIS_TLS_KEY to your own certificate)',
    );
  }
  switch (options.bootstrap.kind) {
    case 'existing':
      lines.push('Sign in at the URL above with your account.');
      break;
    case 'created':
      lines.push(
        `First operator account created: ${options.bootstrap.email} (password from OXYGIS_BOOTSTRAP_ADMIN_PASSWORD).`,
      );
      break;
    case 'setup-link':
      lines.push('No account exists yet. Create the first operator account with this one-time link:');
      lines.push(`  ${options.consoleUrl}/setup?token=${options.bootstrap.token}`);
      break;
  }
  lines.push(`CLI: npx oxygis login --url ${options.consoleUrl}`, 'Stop with Ctrl-C.', '');
  return lines.join('\n');
}
