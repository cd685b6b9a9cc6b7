import net from 'node:net';
import {
  type CheckOutcome,
  describeNetworkError,
  type ProbeResult,
  runCheck,
  type TcpTarget,
} from './probe.js';

/**
 * Opens a TCP connection to host:port: the check passes once the connection is established,
 * whatever the server then says or does not say. The socket is closed right away, in every case.
 */
export function probeTcp(target: TcpTarget, signal?: AbortSignal): Promise<ProbeResult> {
  return runCheck(
    target,
    signal,
    (stop) =>
      new Promise<CheckOutcome>((resolve, reject) => {
        const socket = net.connect({ host: target.host, port: target.port });
        const close = (): void => {
          stop.removeEventListener('abort', close);
          socket.destroy();
        };
        stop.addEventListener('abort', close, { once: true });
        socket.once('connect', () => {
          close();
          resolve({ error: null, certificateExpiresAt: null });
        });
        socket.on('error', (error) => {
          close();
          reject(error);
        });
      }),
    (error) => describeNetworkError(error, target.host),
  );
}
