import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { appKeys } from '../config/app-secret';

export const DEVICE_COOKIE = 'equipole_device';
const LIFETIME_DAYS = 180;
const FORMAT = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * OWASP's "device cookies": after a successful sign-in (or a password chosen through an emailed
 * link), the browser gets a cookie `<nonce>.<issued at>.<HMAC>` bound to that email address. A
 * sign-in that presents it is counted on its own (LoginThrottleService), so failures from elsewhere,
 * however many, never lock its owner out. Nothing is stored: the HMAC (key from APP_SECRET) proves
 * the cookie is ours, the nonce names the device in `login_failures`. It is only sent to /api/auth.
 */
@Injectable()
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = appKeys(config).deviceCookie;
  }

  /** A new cookie value for this address. */
  issue(email: string): string {
    const nonce = randomBytes(16).toString('base64url');
    const issuedAt = String(Math.floor(Date.now() / 1000));
    return `${nonce}.${issuedAt}.${this.mac(email, nonce, issuedAt).toString('base64url')}`;
  }

  /** The cookie's nonce when it is ours, for this address and not expired; undefined otherwise. */
  verify(value: unknown, email: string): string | undefined {
    const match = typeof value === 'string' ? FORMAT.exec(value) : null;
    if (!match) return undefined;
    const [, nonce, issuedAt, mac] = match;
    const age = Date.now() / 1000 - Number(issuedAt);
    if (!(age >= -300 && age < LIFETIME_DAYS * 86_400)) return undefined;
    return timingSafeEqual(Buffer.from(mac, 'base64url'), this.mac(email, nonce, issuedAt)) ? nonce : undefined;
  }

  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https:'),
      path: '/api/auth',
      maxAge: LIFETIME_DAYS * 86_400_000,
    };
  }

  private mac(email: string, nonce: string, issuedAt: string): Buffer {
    return createHmac('sha256', this.key).update(`${email.trim().toLowerCase()}\n${nonce}\n${issuedAt}`).digest();
  }
}
