import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type InvitationPreview } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { type RequestLimit, RequestThrottle } from '../common/request-throttle';
import { AccountLinksService, type LinkRecipient } from './account-links.service';
import type { AuthUser } from './auth-user';
import { DeviceCookies } from './device-cookies';
import { AcceptInvitationDto, ChangePasswordDto, LoginDto, PasswordResetConfirmDto, UpdateProfileDto } from './dto/auth.dto';
import { LoginThrottleService, type PasswordAttempt } from './login-throttle.service';
import { hashPassword, hashToken, verifyPassword } from './secrets';
import { SessionsService } from './sessions.service';
import type { TokenPurpose } from './user-token.entity';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
  /** The device cookie the browser sent, if any (DeviceCookies). */
  deviceCookie?: string;
}

/** A browser signed in: its session token, and a new device cookie for the account's address. */
export interface SignedIn {
  session: string;
  deviceCookie: string;
}

/** Password-reset requests from one client address, whatever the addresses asked for. */
export const RESET_REQUESTS_PER_IP: RequestLimit = { bucket: 'password-reset:ip', limit: 20, windowMinutes: 15 };
/** Reset emails one account receives in an hour; further requests get the same answer and queue nothing. */
export const RESET_EMAILS_PER_HOUR = 3;

@Injectable()
export class AuthService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  /** Work done after answering (password-reset emails), awaited before the app closes. */
  private readonly background = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly requests: RequestThrottle,
    private readonly devices: DeviceCookies,
    private readonly links: AccountLinksService,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs in; the same INVALID_CREDENTIALS for an unknown email and a wrong password. Failures are
   * throttled per client, and a browser with a device cookie for that address has its own count.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<SignedIn> {
    const manager = this.dataSource.manager;
    const [user]: { id: string; password_hash: string | null }[] = await this.checkPassword(
      manager,
      { email: dto.email, ip: client.ip, device: this.devices.verify(client.deviceCookie, dto.email) },
      dto.password,
      () => manager.query('SELECT id, password_hash FROM users WHERE lower(email) = $1 AND active', [dto.email]),
    );
    return { session: await this.sessions.create(manager, user.id, client), deviceCookie: this.devices.issue(dto.email) };
  }

  /**
   * Answers at once, the same way for every address (RESET_THROTTLED only counts the client's own
   * requests); whether an account exists, and whether it already got RESET_EMAILS_PER_HOUR emails,
   * is looked at after the answer, so its timing tells nothing.
   */
  async requestPasswordReset(email: string, client: ClientInfo): Promise<void> {
    const { retryAfterSeconds } = await this.requests.take(this.dataSource.manager, RESET_REQUESTS_PER_IP, client.ip);
    if (retryAfterSeconds !== undefined) {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new DomainError(ErrorCode.ResetThrottled, { details: { retryAfterMinutes: minutes }, params: { minutes }, retryAfterSeconds });
    }
    this.afterAnswer(() => this.sendPasswordReset(email));
  }

  /** Resolves when the work started after earlier answers is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all(this.background);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private afterAnswer(work: () => Promise<void>): void {
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.logger.error({ err: error }, 'Work after answering failed'))
      .finally(() => this.background.delete(task));
    this.background.add(task);
  }

  /** The reset email, unless the account already received RESET_EMAILS_PER_HOUR in the last hour. */
  private async sendPasswordReset(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The row lock makes concurrent requests for one account count one after the other.
      const [user]: LinkRecipient[] = await manager.query(
        'SELECT id, name, email, locale FROM users WHERE lower(email) = $1 AND active AND password_hash IS NOT NULL FOR UPDATE',
        [email],
      );
      if (!user) return;
      const [{ sent }]: { sent: number }[] = await manager.query(
        `SELECT count(*)::int AS sent FROM user_tokens
          WHERE user_id = $1 AND purpose = 'password_reset' AND created_at > now() - interval '1 hour'`,
        [user.id],
      );
      if (sent >= RESET_EMAILS_PER_HOUR) {
        this.logger.warn({ userId: user.id }, 'Password reset not sent: hourly limit of the account reached');
        return;
      }
      await this.links.passwordReset(manager, user);
    });
  }

  /**
   * Sets the new password and signs out every session. Whoever holds the emailed link controls the
   * mailbox: the failures counted against the old password are forgotten, and the browser gets a
   * device cookie, so an attack in progress cannot keep the owner out.
   */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<{ deviceCookie: string }> {
    const passwordHash = await hashPassword(dto.password);
    const email = await this.dataSource.transaction(async (manager) => {
      const token = await this.consumeToken(manager, dto.token, 'password_reset');
      // An UPDATE answers [rows, affected].
      const [[user]]: [{ email: string }[], number] = await manager.query(
        'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING lower(email) AS email',
        [token.userId, passwordHash],
      );
      await this.sessions.revokeAll(manager, token.userId);
      await this.throttle.clearAccount(manager, user.email);
      return user.email;
    });
    return { deviceCookie: this.devices.issue(email) };
  }

  async previewInvitation(rawToken: string): Promise<InvitationPreview> {
    const [row]: InvitationPreview[] = await this.dataSource.query(
      `SELECT u.email, u.name, o.name AS "organisationName", m.role, (u.password_hash IS NOT NULL) AS "hasAccount"
         FROM user_tokens t
         JOIN users u ON u.id = t.user_id
         LEFT JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN memberships m ON m.user_id = t.user_id AND m.organisation_id = t.organisation_id
        WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.expires_at > $2 AND u.active
          -- A link superseded when another one activated the account still leads to "sign in".
          AND (t.used_at IS NULL OR (t.superseded_at IS NOT NULL AND u.password_hash IS NOT NULL))`,
      [hashToken(rawToken), this.clock.now()],
    );
    if (!row) throw new DomainError(ErrorCode.TokenInvalid);
    return row;
  }

  /**
   * Sets the invited person's name and password and signs them in. An account chooses its password
   * once through a link: the person's other invitations are superseded (they no longer work; their
   * page says the account exists and asks to sign in), and an account that already has a password
   * is never changed by an invitation (TOKEN_INVALID; the link is spent).
   */
  async acceptInvitation(dto: AcceptInvitationDto, client: ClientInfo): Promise<SignedIn> {
    const passwordHash = await hashPassword(dto.password);
    const signedIn = await this.dataSource.transaction(async (manager) => {
      const token = await this.consumeToken(manager, dto.token, 'invitation');
      await manager.query(
        `UPDATE user_tokens SET used_at = now(), superseded_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL`,
        [token.userId],
      );
      const [[user]]: [{ email: string }[], number] = await manager.query(
        `UPDATE users SET name = $2, password_hash = $3, locale = coalesce($4, locale), updated_at = now()
          WHERE id = $1 AND password_hash IS NULL RETURNING lower(email) AS email`,
        [token.userId, dto.name, passwordHash, dto.locale ?? null],
      );
      if (!user) return undefined;
      return { session: await this.sessions.create(manager, token.userId, client), deviceCookie: this.devices.issue(user.email) };
    });
    if (!signedIn) throw new DomainError(ErrorCode.TokenInvalid);
    return signedIn;
  }

  async updateProfile(user: AuthUser, dto: UpdateProfileDto): Promise<void> {
    await this.dataSource.query(
      'UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now() WHERE id = $1',
      [user.id, dto.name ?? null, dto.locale ?? null],
    );
  }

  /** Changes the password and signs out every other session; wrong current passwords are throttled as sign-ins are. */
  async changePassword(user: AuthUser, dto: ChangePasswordDto, client: ClientInfo): Promise<void> {
    await this.confirmPassword(user, dto.currentPassword, client);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [user.id, passwordHash]);
      await this.sessions.revokeAll(manager, user.id, user.sessionId);
    });
  }

  /** The signed-in person's own password, checked and throttled as a sign-in (changing it, closing the account). */
  async confirmPassword(user: AuthUser, password: string, client: ClientInfo): Promise<void> {
    const manager = this.dataSource.manager;
    const email = user.email.toLowerCase();
    await this.checkPassword(
      manager,
      { email, ip: client.ip, device: this.devices.verify(client.deviceCookie, email) },
      password,
      () => manager.query('SELECT password_hash FROM users WHERE id = $1', [user.id]),
    );
  }

  /**
   * Checks a password against the row `load` returns (none: a dummy hash takes as long), throttled
   * by LoginThrottleService; INVALID_CREDENTIALS when wrong. Returns what `load` returned.
   */
  private async checkPassword<Row extends { password_hash: string | null }>(
    manager: EntityManager,
    attempt: PasswordAttempt,
    password: string,
    load: () => Promise<Row[]>,
  ): Promise<Row[]> {
    const verdict = await this.throttle.assertAllowed(manager, attempt);
    const rows = await load();
    if (!(await verifyPassword(rows[0]?.password_hash, password))) {
      await this.throttle.recordFailure(manager, attempt, verdict);
      throw new DomainError(ErrorCode.InvalidCredentials);
    }
    await this.throttle.recordSuccess(manager, attempt);
    return rows;
  }

  /** Locks the token row so that two concurrent uses cannot both succeed. */
  private async consumeToken(manager: EntityManager, rawToken: string, purpose: TokenPurpose): Promise<{ id: string; userId: string }> {
    const [token]: { id: string; userId: string }[] = await manager.query(
      `SELECT id, user_id AS "userId" FROM user_tokens
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        FOR UPDATE`,
      [hashToken(rawToken), purpose, this.clock.now()],
    );
    if (!token) throw new DomainError(ErrorCode.TokenInvalid);
    await manager.query('UPDATE user_tokens SET used_at = now() WHERE id = $1', [token.id]);
    return token;
  }
}
