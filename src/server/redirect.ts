import http from 'node:http';

/** The plain-HTTP port: every request is sent to the same path over HTTPS (308 keeps the method). */
export function createRedirectServer(httpsPort: number): http.Server {
  return http.createServer((request, response) => {
    const hostHeader = request.headers.host ?? 'localhost';
    const host = hostHeader.startsWith('[')
      ? hostHeader.replace(/(\]):\d+$/, '$1')
      : hostHeader.replace(/:\d+$/, '');
    const location = `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${request.url ?? '/'}`;
    response.writeHead(308, { location, 'content-type': 'text/plain' });
    response.end(`Use HTTPS: ${location}\n`);
  });
}
