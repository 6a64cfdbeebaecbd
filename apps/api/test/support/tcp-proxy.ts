import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the app and its database, so a test can take the database away (refused and
 * cut connections) and bring it back without stopping a server other tests share.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number } | { path: string }) {}

  /** A relay to the database of `url`: a server's host and port, or the embedded database's Unix socket. */
  static forDatabase(url: string): TcpProxy {
    const parsed = new URL(url);
    const socketFolder = parsed.searchParams.get('host');
    if (socketFolder?.startsWith('/')) return new TcpProxy({ path: `${socketFolder}/.s.PGSQL.${parsed.port || 5432}` });
    return new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || 5432) });
  }

  /** Starts relaying (again, on the same port after `cut`). */
  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** The database goes away: open connections are cut and new ones refused. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  /** The URL `url` becomes when it goes through this proxy. */
  rewrite(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    through.searchParams.delete('host');
    return through.toString();
  }
}
