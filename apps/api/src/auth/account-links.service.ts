import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import type { AccountContact } from '../users/users.repository';
import { newToken } from './secrets';
import { UserTokensRepository } from './user-tokens.repository';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** Who receives a link: the row of `users` it is for. */
export type LinkRecipient = AccountContact;

/** Where an invitation leads: into an organisation (by a person) or to the platform as coordinator. */
export type InvitationContext =
  | { kind: 'organisation'; organisationId: string; organisationName: string; inviter: { id: string; name: string } }
  | { kind: 'coordinator' };

/**
 * The single-use, expiring links sent by email (`user_tokens`: only the token's SHA-256 is stored),
 * written with their email in the caller's transaction. Returns the link, which the admin command
 * also prints.
 */
@Injectable()
export class AccountLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    private readonly tokens: UserTokensRepository,
  ) {}

  /** An invitation to choose a name and a password (/invitation/:token). */
  async invite(manager: EntityManager, invitee: LinkRecipient, context: InvitationContext): Promise<string> {
    if (context.kind === 'coordinator') {
      // One platform invitation at a time: a new link replaces the previous one.
      await this.tokens.retireCoordinatorInvitations(manager, invitee.id);
    }
    const { token, hash } = newToken();
    await this.tokens.insertInvitation(manager, {
      userId: invitee.id, hash, organisationId: context.kind === 'organisation' ? context.organisationId : null,
      createdById: context.kind === 'organisation' ? context.inviter.id : null, days: INVITATION_DAYS, now: this.clock.now(),
    });
    const link = `${this.config.publicUrl}/invitation/${token}`;
    await this.mailer.queue(
      manager,
      invitee,
      context.kind === 'organisation'
        ? { kind: 'invitation', params: { name: invitee.name, organisationName: context.organisationName, inviterName: context.inviter.name, link } }
        : { kind: 'coordinator_invitation', params: { name: invitee.name, link, days: INVITATION_DAYS } },
    );
    return link;
  }

  /** A link to choose a new password (/reset-password/:token); earlier unused ones stop working. */
  async passwordReset(manager: EntityManager, user: LinkRecipient): Promise<string> {
    await this.tokens.retireResetLinks(manager, user.id);
    const { token, hash } = newToken();
    await this.tokens.insertResetLink(manager, { userId: user.id, hash, minutes: RESET_MINUTES, now: this.clock.now() });
    const link = `${this.config.publicUrl}/reset-password/${token}`;
    await this.mailer.queue(manager, user, { kind: 'password_reset', params: { name: user.name, link, minutes: RESET_MINUTES } });
    return link;
  }
}
