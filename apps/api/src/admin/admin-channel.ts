import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LoggerService } from '@nestjs/common';
import { type AdminRequest, type AdminResponse, runAdminRequest } from './admin-commands';
import { AdminError, oneLine } from './admin-error';
import type { BackupService } from './backup.service';
import type { CoordinatorsService } from './coordinators.service';

/**
 * How the administration command reaches a running instance on the embedded database, which holds
 * the PGlite folder exclusively: the app listens on a loopback port of its own (never the public
 * one) and writes `DATA_DIR/admin-channel.json` (mode 0600) with that port and a fresh secret. Only
 * who can read that file (the account that runs the app, or root) can give commands; they run in the
 * app, through its own connection and services.
 */
export const ADMIN_CHANNEL_FILE = 'admin-channel.json';

export interface AdminChannelAddress {
  pid: number;
  port: number;
  secret: string;
}

export interface AdminChannel {
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 64 * 1024;

export async function openAdminChannel(
  dataDir: string,
  services: { coordinators: CoordinatorsService; backups: BackupService },
  logger: LoggerService,
): Promise<AdminChannel> {
  const secret = randomBytes(32).toString('base64url');
  const expected = createHash('sha256').update(`Bearer ${secret}`).digest();
  const authorised = (request: IncomingMessage) =>
    timingSafeEqual(createHash('sha256').update(request.headers.authorization ?? '').digest(), expected);

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'Admin channel request failed');
      if (!response.headersSent) answer(response, 500, { error: `The running instance failed: ${oneLine(String((error as Error)?.message ?? error))}` });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return answer(response, 405, { error: 'POST only' });
    if (!authorised(request)) return answer(response, 401, { error: 'The admin channel secret does not match.' });
    if (request.url === '/command') {
      const body = await readBody(request);
      try {
        const result = await runAdminRequest(services.coordinators, JSON.parse(body) as AdminRequest);
        logger.log({ command: result.command }, 'Admin command run');
        return answer(response, 200, result);
      } catch (error) {
        if (error instanceof AdminError) return answer(response, 422, { error: error.message, exitCode: error.exitCode });
        if (error instanceof SyntaxError) return answer(response, 400, { error: 'Malformed admin request.', exitCode: 2 });
        throw error;
      }
    }
    if (request.url === '/backup') {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/gzip' });
      try {
        await services.backups.writeArchive(response);
        logger.log({ command: 'backup' }, 'Admin command run');
      } catch (error) {
        // The client sees a cut answer, and its check of the archive refuses it.
        logger.error({ err: error }, 'Backup through the admin channel failed');
        response.destroy();
      }
      return;
    }
    answer(response, 404, { error: 'No such admin request.' });
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address: AdminChannelAddress = { pid: process.pid, port: (server.address() as AddressInfo).port, secret };
  const path = join(dataDir, ADMIN_CHANNEL_FILE);
  const partial = `${path}.${process.pid}`;
  await writeFile(partial, JSON.stringify(address), { mode: 0o600 });
  await rename(partial, path);

  return {
    async close() {
      // Only our own file: a newer instance may have replaced it.
      const current = await readChannelFile(dataDir).catch(() => undefined);
      if (current?.pid === process.pid) await rm(path, { force: true });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new AdminError('Admin request too large.', 2);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readChannelFile(dataDir: string): Promise<AdminChannelAddress> {
  return JSON.parse(await readFile(join(dataDir, ADMIN_CHANNEL_FILE), 'utf8')) as AdminChannelAddress;
}

/** The channel of the instance `pid` that holds `dataDir`, or one clear reason why it cannot be used. */
export async function findAdminChannel(dataDir: string, pid: number): Promise<AdminChannelAddress> {
  const running = `An Equipôle instance (pid ${pid}) is running on ${dataDir}`;
  let address: AdminChannelAddress;
  try {
    address = await readChannelFile(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AdminError(`${running} and its admin channel file ${join(dataDir, ADMIN_CHANNEL_FILE)} is not readable: run the command as the user that runs the app.`);
    }
    throw new AdminError(`${running} but is not ready for administration yet (no ${ADMIN_CHANNEL_FILE}): wait until it has started, or stop it and run the command again.`);
  }
  if (address.pid !== pid) {
    throw new AdminError(`${running} but is not ready for administration yet (${ADMIN_CHANNEL_FILE} is from another process): wait until it has started.`);
  }
  return address;
}

function channelError(address: AdminChannelAddress, error: unknown): AdminError {
  return new AdminError(
    `Could not reach the running instance (pid ${address.pid}) on its admin channel (127.0.0.1:${address.port}): ${oneLine((error as Error).message)}.`,
  );
}

function post(address: AdminChannelAddress, path: string, body: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: address.port,
        path,
        method: 'POST',
        headers: { authorization: `Bearer ${address.secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      resolve,
    );
    request.on('error', (error) => reject(channelError(address, error)));
    request.end(body);
  });
}

async function readJson(response: IncomingMessage): Promise<{ error?: string; exitCode?: 1 | 2 } & Record<string, unknown>> {
  const text = await readBody(response).catch(() => '');
  try {
    return JSON.parse(text) as { error?: string };
  } catch {
    return { error: `unexpected answer ${response.statusCode}` };
  }
}

export async function sendAdminRequest(address: AdminChannelAddress, request: AdminRequest): Promise<AdminResponse> {
  const response = await post(address, '/command', JSON.stringify(request));
  const body = await readJson(response);
  if (response.statusCode === 200) return body as unknown as AdminResponse;
  throw new AdminError(body.error ?? `The running instance answered ${response.statusCode}.`, body.exitCode ?? 1);
}

/** Saves the archive the running instance streams into `path`. */
export async function downloadBackup(address: AdminChannelAddress, path: string): Promise<void> {
  const response = await post(address, '/backup', '{}');
  if (response.statusCode !== 200) {
    const body = await readJson(response);
    throw new AdminError(body.error ?? `The running instance answered ${response.statusCode}.`);
  }
  let complete = false;
  response.on('end', () => (complete = true));
  try {
    await pipeline(response, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    throw channelError(address, error);
  }
  if (!complete || !response.complete) throw new AdminError(`The running instance (pid ${address.pid}) stopped sending the backup half-way; see its log.`);
}
