import { createServer } from 'node:net';

/**
 * A TCP port on loopback that was free a moment ago, between 20000 and 32000: below the kernel's
 * ephemeral ports (32768 and up), which any process's outgoing connection may take between this
 * answer and the server's bind (a test's `up` once failed with EADDRINUSE on one). Temporal also
 * needs them low: it keeps its services' ports in a smallint column (cluster_membership).
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
