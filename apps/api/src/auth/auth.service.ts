import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type InvitationPreview } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AccountLinksService, type LinkRecipient } from './account-links.service';
import type { AuthUser } from './auth-user';
import { AcceptInvitationDto, ChangePasswordDto, LoginDto, PasswordResetConfirmDto, UpdateProfileDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { hashPassword, hashToken, verifyPassword } from './secrets';
import { SessionsService } from './sessions.service';
import type { TokenPurpose } from './user-token.entity';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly links: AccountLinksService,
    private readonly clock: Clock,
  ) {}

  /** Returns a new session token; the same INVALID_CREDENTIALS for an unknown email and a wrong password. */
  async login(dto: LoginDto, client: ClientInfo): Promise<string> {
    const manager = this.dataSource.manager;
    await this.throttle.assertAllowed(manager, dto.email, client.ip);
    const [user]: { id: string; password_hash: string | null }[] = await manager.query(
      'SELECT id, password_hash FROM users WHERE lower(email) = $1 AND active',
      [dto.email],
    );
    if (!(await verifyPassword(user?.password_hash, dto.password))) {
      await this.throttle.recordFailure(manager, dto.email, client.ip);
      throw new DomainError(ErrorCode.InvalidCredentials);
    }
    await this.throttle.clearAccount(manager, dto.email);
    return this.sessions.create(manager, user.id, client);
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [user]: LinkRecipient[] = await manager.query(
        'SELECT id, name, email, locale FROM users WHERE lower(email) = $1 AND active AND password_hash IS NOT NULL',
        [email],
      );
      if (user) await this.links.passwordReset(manager, user);
    });
  }

  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const token = await this.consumeToken(manager, dto.token, 'password_reset');
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [token.userId, passwordHash]);
      await this.sessions.revokeAll(manager, token.userId);
    });
  }

  async previewInvitation(rawToken: string): Promise<InvitationPreview> {
    const [row]: InvitationPreview[] = await this.dataSource.query(
      `SELECT u.email, u.name, o.name AS "organisationName", m.role, (u.password_hash IS NOT NULL) AS "hasAccount"
         FROM user_tokens t
         JOIN users u ON u.id = t.user_id
         LEFT JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN memberships m ON m.user_id = t.user_id AND m.organisation_id = t.organisation_id
        WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.expires_at > $2 AND u.active`,
      [hashToken(rawToken), this.clock.now()],
    );
    if (!row) throw new DomainError(ErrorCode.TokenInvalid);
    return row;
  }

  /** Sets the invited person's name and password, marks the link used and signs them in. */
  async acceptInvitation(dto: AcceptInvitationDto, client: ClientInfo): Promise<string> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const token = await this.consumeToken(manager, dto.token, 'invitation');
      await manager.query(
        `UPDATE users SET name = $2, password_hash = $3, locale = coalesce($4, locale), updated_at = now() WHERE id = $1`,
        [token.userId, dto.name, passwordHash, dto.locale ?? null],
      );
      return this.sessions.create(manager, token.userId, client);
    });
  }

  async updateProfile(user: AuthUser, dto: UpdateProfileDto): Promise<void> {
    await this.dataSource.query(
      'UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now() WHERE id = $1',
      [user.id, dto.name ?? null, dto.locale ?? null],
    );
  }

  /** Changes the password and signs out every other session. */
  async changePassword(user: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const [row]: { password_hash: string | null }[] = await this.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    if (!(await verifyPassword(row?.password_hash, dto.currentPassword))) throw new DomainError(ErrorCode.InvalidCredentials);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [user.id, passwordHash]);
      await this.sessions.revokeAll(manager, user.id, user.sessionId);
    });
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
