import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type InvitationPreview } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { type RequestLimit, RequestThrottle } from '../common/request-throttle';
import { type PasswordHolder, UsersRepository } from '../users/users.repository';
import { AccountLinksService } from './account-links.service';
import type { AuthUser } from './auth-user';
import { DeviceCookies } from './device-cookies';
import { AcceptInvitationDto, ChangePasswordDto, LoginDto, PasswordResetConfirmDto, UpdateProfileDto } from './dto/auth.dto';
import { LoginThrottleService, type PasswordAttempt } from './login-throttle.service';
import { hashPassword, hashToken, verifyPassword } from './secrets';
import { SessionsService } from './sessions.service';
import { type TokenPurpose, UserTokensRepository } from './user-tokens.repository';

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
    private readonly users: UsersRepository,
    private readonly tokens: UserTokensRepository,
  ) {}

  /**
   * Signs in; the same INVALID_CREDENTIALS for an unknown email and a wrong password. Failures are
   * throttled per client, and a browser with a device cookie for that address has its own count.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<SignedIn> {
    const manager = this.dataSource.manager;
    const user = await this.checkPassword(
      manager,
      { email: dto.email, ip: client.ip, device: this.devices.verify(client.deviceCookie, dto.email) },
      dto.password,
      () => this.users.activeByEmail(manager, dto.email),
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
      const user = await this.users.lockResettable(manager, email);
      if (!user) return;
      if ((await this.tokens.countResetLinksLastHour(manager, user.id)) >= RESET_EMAILS_PER_HOUR) {
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
      // The token's foreign key keeps its account.
      const email = (await this.users.setPassword(manager, token.userId, passwordHash))!;
      await this.sessions.revokeAll(manager, token.userId);
      await this.throttle.clearAccount(manager, email);
      return email;
    });
    return { deviceCookie: this.devices.issue(email) };
  }

  async previewInvitation(rawToken: string): Promise<InvitationPreview> {
    const row = await this.tokens.invitationPreview(this.dataSource.manager, hashToken(rawToken), this.clock.now());
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
      await this.tokens.supersedeInvitations(manager, token.userId);
      const email = await this.users.activate(manager, token.userId, { name: dto.name, passwordHash, locale: dto.locale });
      if (!email) return undefined;
      return { session: await this.sessions.create(manager, token.userId, client), deviceCookie: this.devices.issue(email) };
    });
    if (!signedIn) throw new DomainError(ErrorCode.TokenInvalid);
    return signedIn;
  }

  async updateProfile(user: AuthUser, dto: UpdateProfileDto): Promise<void> {
    await this.users.updateProfile(this.dataSource.manager, user.id, { name: dto.name, locale: dto.locale });
  }

  /** Changes the password and signs out every other session; wrong current passwords are throttled as sign-ins are. */
  async changePassword(user: AuthUser, dto: ChangePasswordDto, client: ClientInfo): Promise<void> {
    await this.confirmPassword(user, dto.currentPassword, client);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, passwordHash);
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
      () => this.users.byId(manager, user.id),
    );
  }

  /**
   * Checks a password against the account `load` returns (none: a dummy hash takes as long), throttled
   * by LoginThrottleService; INVALID_CREDENTIALS when wrong. Returns the account.
   */
  private async checkPassword(
    manager: EntityManager,
    attempt: PasswordAttempt,
    password: string,
    load: () => Promise<PasswordHolder | undefined>,
  ): Promise<PasswordHolder> {
    const verdict = await this.throttle.assertAllowed(manager, attempt);
    const account = await load();
    if (!(await verifyPassword(account?.password_hash, password)) || !account) {
      await this.throttle.recordFailure(manager, attempt, verdict);
      throw new DomainError(ErrorCode.InvalidCredentials);
    }
    await this.throttle.recordSuccess(manager, attempt);
    return account;
  }

  /** Locks the token row so that two concurrent uses cannot both succeed. */
  private async consumeToken(manager: EntityManager, rawToken: string, purpose: TokenPurpose): Promise<{ id: string; userId: string }> {
    const token = await this.tokens.lockUsable(manager, hashToken(rawToken), purpose, this.clock.now());
    if (!token) throw new DomainError(ErrorCode.TokenInvalid);
    await this.tokens.markUsed(manager, token.id);
    return token;
  }
}
