import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { ErrorCode } from '@equipole/shared';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ResourcesService } from './resources.service';

/** A photo as the upload storage leaves it: a temporary file, its size, and its first bytes (to read its type from). */
export interface UploadedPhoto {
  path: string;
  size: number;
  head: Buffer;
  originalname: string;
}

export const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof EXTENSIONS;

/** The type a file really is, from its first bytes; the client's declared type is not trusted. */
export function sniffImageType(bytes: Buffer): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Runs `work` (the transaction that files an upload) and removes the upload's temporary file
 * afterwards, whatever happened: moved into place on success, never left behind on failure.
 */
export async function withUpload<T>(file: UploadedPhoto | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}

/** The upload and its real type: 400 when no file came or it is not a JPEG, PNG or WebP. Call it after the rights check. */
export function checkedPhoto(file: UploadedPhoto | undefined): { file: UploadedPhoto; type: PhotoType; extension: string } {
  if (!file) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'file', constraint: 'isDefined', args: [] }] });
  const type = sniffImageType(file.head);
  if (!type) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'file', constraint: 'photoType', args: [] }] });
  return { file, type, extension: EXTENSIONS[type] };
}

/**
 * Moves the upload to `path` (absolute, under the uploads directory), making its folder. Called inside
 * the transaction that records the photo: a failed move leaves no row pointing at nothing.
 */
export async function moveUpload(file: UploadedPhoto, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rename(file.path, path);
}

/** Enough of a file's start to recognise JPEG, PNG and WebP (sniffImageType). */
const HEAD_BYTES = 16;
/** What a multipart body adds to the photo: boundaries, part headers and the alternative text. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function photoTooLarge(maxBytes: number): DomainError {
  return new DomainError(ErrorCode.PayloadTooLarge, { details: { maxBytes } });
}

/** Where uploads wait until their row is written: inside the uploads directory, so that moving one into place is a rename. */
export function incomingDir(config: Pick<AppConfig, 'uploadsDir'>): string {
  return join(config.uploadsDir, '.incoming');
}

interface MulterFile {
  stream: Readable;
  originalname: string;
  path?: string;
}

/**
 * A multer storage engine that streams the file to a temporary file, never holding it in memory,
 * and fails as soon as it passes `maxBytes` (the partial file is removed). It keeps the first bytes,
 * from which the service reads the type.
 */
export function temporaryPhotoStorage(dir: string, maxBytes: number) {
  return {
    _handleFile(_request: Request, file: MulterFile, callback: (error: Error | null, info?: Omit<UploadedPhoto, 'originalname'>) => void): void {
      const path = join(dir, randomUUID());
      let size = 0;
      let head = Buffer.alloc(0);
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(photoTooLarge(maxBytes));
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          done(null, chunk);
        },
      });
      // Not stream.pipeline: it would destroy busboy's file stream with the error, and multer would
      // answer at once, before the partial file is gone. Here the file is closed and removed first.
      let failed = false;
      const fail = (out: WriteStream | undefined, error: Error) => {
        if (failed) return;
        failed = true;
        file.stream.unpipe();
        file.stream.resume();
        meter.destroy();
        out?.destroy();
        // A stream cut off while it still opens its file creates the file afterwards: remove it once closed.
        (out && !out.closed ? once(out, 'close').catch(() => undefined) : Promise.resolve())
          .then(() => rm(path, { force: true }))
          .finally(() => callback(error));
      };
      mkdir(dir, { recursive: true }).then(
        () => {
          const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
          for (const stream of [file.stream, meter, out]) stream.on('error', (error: Error) => fail(out, error));
          out.on('close', () => {
            if (!failed) callback(null, { path, size, head });
          });
          file.stream.pipe(meter).pipe(out);
        },
        (error: Error) => fail(undefined, error),
      );
    },
    _removeFile(_request: Request, file: MulterFile, callback: (error: Error | null) => void): void {
      if (!file.path) return callback(null);
      rm(file.path, { force: true }).then(() => callback(null), callback);
    },
  };
}

/** multer's options for photo uploads (MulterModule): streamed to disk, one file, a few small fields. */
export function photoUploadOptions(config: AppConfig): MulterModuleOptions {
  return {
    storage: temporaryPhotoStorage(incomingDir(config), config.maxPhotoBytes),
    limits: { files: 1, fields: 4, fieldSize: 4096, parts: 6 },
  };
}

/** A request that announces more than a photo may weigh is refused before its body is read (413). */
export function assertDeclaredSize(request: Request, maxBytes: number): void {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw photoTooLarge(maxBytes);
}

/**
 * What every photo upload checks before its body is read (guards come before interceptors, and multer
 * is an interceptor): a signed-in person (401), ids in the route's parameters `ids` (400), the right to
 * upload there (`assertMayUpload`, each kind of photo its own: 404/403/409), and a request that
 * announces more than a photo may weigh is refused at once (413). A body without a length is cut off
 * by the storage at the limit. The service checks the rights again under its lock.
 */
export abstract class UploadGuard implements CanActivate {
  protected abstract readonly ids: readonly string[];

  constructor(private readonly config: AppConfig) {}

  protected abstract assertMayUpload(user: AuthUser, params: Record<string, string>): Promise<unknown>;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!request.user) throw new DomainError(ErrorCode.Unauthenticated);
    const params = Object.fromEntries(this.ids.map((name) => [name, String(request.params[name])]));
    const details = this.ids.filter((name) => !isUUID(params[name])).map((field) => ({ field, constraint: 'isUUID', args: [] }));
    if (details.length > 0) throw new DomainError(ErrorCode.ValidationFailed, { details });
    await this.assertMayUpload(request.user, params);
    assertDeclaredSize(request, this.config.maxPhotoBytes);
    return true;
  }
}

/** An item's photo: only the item's managers may upload. */
@Injectable()
export class PhotoUploadGuard extends UploadGuard {
  protected readonly ids = ['id'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly resources: ResourcesService,
  ) {
    super(config);
  }

  protected assertMayUpload(user: AuthUser, { id }: Record<string, string>): Promise<unknown> {
    return this.resources.assertManagesItem(user, id);
  }
}

type SendError = Error & { status?: number; code?: string };

/**
 * Sends a stored photo (ranges included). What `send` refuses becomes the API's error answer: a range
 * past the end is 416 (its Content-Range, set by `send`, gives the size), a file missing on disk 404.
 */
export function sendPhoto(response: Response, path: string, contentType: string, cacheControl = 'public, max-age=86400'): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(path, { headers: { 'Content-Type': contentType, 'Cache-Control': cacheControl } }, (error?: SendError) => {
      // Sent, or the client left half-way: nothing more to answer.
      if (!error || response.headersSent) return resolve();
      // The file's headers may already be set; the error body is JSON and must not be cached.
      for (const header of ['Content-Type', 'Cache-Control', 'ETag', 'Last-Modified', 'Accept-Ranges']) response.removeHeader(header);
      if (error.status === 416) return reject(new DomainError(ErrorCode.RangeNotSatisfiable));
      if (error.status === 404 || error.code === 'ENOENT') return reject(new DomainError(ErrorCode.NotFound));
      reject(error.status && error.status < 500 ? new HttpException(error.message, error.status) : error);
    });
  });
}
