import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressBodyParserOptions } from '@nestjs/platform-express';
import { ErrorCode } from '@equipole/shared';
import { DomainError } from './domain-error';

/** The largest JSON body the API reads; a bigger one is a 413 (body-parser's own default, stated). */
export const MAX_JSON_BYTES = '100kb';
/**
 * How deeply a JSON body may nest objects and arrays. The deepest real request (an item's rules:
 * body → rules → openingHours → interval) is 4 levels; validating thousands of levels overflows the
 * stack of class-transformer, which would be a 500.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in a JSON text, read byte by byte (strings skipped), stopping past `limit`. */
export function jsonDepth(bytes: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (CLOSE.has(byte)) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Options of the JSON body parser: the size limit, and a depth check on the raw bytes before they are
 * parsed (body-parser's `verify` hook). The error it throws reaches the exception filter as a
 * BODY_TOO_DEEP 400 with a translated message.
 */
export function jsonBodyParserOptions(): NestExpressBodyParserOptions {
  return {
    limit: MAX_JSON_BYTES,
    verify: (_request: IncomingMessage, _response: ServerResponse, body: Buffer) => {
      if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        throw new DomainError(ErrorCode.BodyTooDeep, { details: { maxDepth: MAX_JSON_DEPTH }, params: { depth: MAX_JSON_DEPTH } });
      }
    },
  };
}
