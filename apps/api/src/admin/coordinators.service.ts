import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isLocale, type Locale } from '@equipole/shared';
import { isEmail } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountLinksService, INVITATION_DAYS, RESET_MINUTES } from '../auth/account-links.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdminError } from './admin-error';
import { type AccountRow, type CoordinatorRow, CoordinatorsRepository } from './coordinators.repository';

export interface CreateCoordinatorResult {
  email: string;
  name: string;
  /** created: a new account; promoted: an existing account became coordinator; unchanged: it already was. */
  outcome: 'created' | 'promoted' | 'unchanged';
  /** The invitation to choose a password (absent when the account already has one). */
  invitation?: { link: string; days: number };
  /** Where an account that has a password signs in. */
  signInUrl: string;
}

export interface PasswordResetResult {
  email: string;
  link: string;
  minutes: number;
}

/**
 * The platform's coordinators, managed from the administration command (and the start-up
 * invitation): accounts and links go through the same tables, tokens and outbox as the app's own
 * invitations and password resets.
 */
@Injectable()
export class CoordinatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CoordinatorsRepository,
    private readonly links: AccountLinksService,
  ) {}

  /** Creates the account or promotes an existing one; never a second account for one address. */
  create(input: { email: string; name: string; language?: string }): Promise<CreateCoordinatorResult> {
    const email = validEmail(input.email);
    const name = validName(input.name);
    const locale = validLanguage(input.language ?? 'fr');
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockCoordinators(manager);
      return this.createLocked(manager, { email, name, locale });
    });
  }

  /**
   * BOOTSTRAP_COORDINATOR_EMAIL: invites that address while the platform has no coordinator at all,
   * so a deployment's first start leads to a usable install. Undefined when there was nothing to do.
   */
  bootstrap(): Promise<CreateCoordinatorResult | undefined> {
    const wanted = this.config.bootstrapCoordinator;
    if (!wanted) return Promise.resolve(undefined);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockCoordinators(manager);
      if (await this.repository.anyCoordinator(manager)) return undefined;
      return this.createLocked(manager, { email: wanted.email, name: validName(wanted.name), locale: wanted.language });
    });
  }

  list(): Promise<CoordinatorRow[]> {
    return this.repository.list(this.dataSource.manager);
  }

  /** The account stays (with its memberships); it loses the coordinator's rights at its next request. */
  revoke(input: { email: string }): Promise<{ email: string }> {
    const email = validEmail(input.email);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockCoordinators(manager);
      const account = await this.existing(manager, email);
      if (!account.isCoordinator) throw new AdminError(`${account.email} is not a coordinator.`);
      if ((await this.repository.countOtherActiveCoordinators(manager, account.id)) === 0) {
        throw new AdminError(
          `Refused: ${account.email} is the last coordinator who can sign in. Create another coordinator first and let them choose a password.`,
        );
      }
      await this.repository.setCoordinator(manager, account.id, false);
      return { email: account.email };
    });
  }

  /** A password-reset link for any active account (also queued as an email); earlier links stop working. */
  resetPassword(input: { email: string }): Promise<PasswordResetResult> {
    const email = validEmail(input.email);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.existing(manager, email);
      if (!account.active) throw new AdminError(`The account ${account.email} is deactivated.`);
      return { email: account.email, link: await this.links.passwordReset(manager, account), minutes: RESET_MINUTES };
    });
  }

  private async createLocked(manager: EntityManager, input: { email: string; name: string; locale: Locale }): Promise<CreateCoordinatorResult> {
    let outcome: CreateCoordinatorResult['outcome'] = 'created';
    let account = await this.repository.insertCoordinator(manager, input);
    if (!account) {
      account = (await this.repository.findByEmail(manager, input.email))!;
      if (!account.active) throw new AdminError(`The account ${account.email} is deactivated.`);
      outcome = account.isCoordinator ? 'unchanged' : 'promoted';
      if (!account.isCoordinator) await this.repository.setCoordinator(manager, account.id, true);
    }
    const result: CreateCoordinatorResult = { email: account.email, name: account.name, outcome, signInUrl: `${this.config.publicUrl}/login` };
    if (!account.hasPassword) {
      result.invitation = { link: await this.links.invite(manager, account, { kind: 'coordinator' }), days: INVITATION_DAYS };
    }
    return result;
  }

  private async existing(manager: EntityManager, email: string): Promise<AccountRow> {
    const account = await this.repository.findByEmail(manager, email);
    if (!account) throw new AdminError(`No account with the email ${email}.`);
    return account;
  }
}

function validEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!email || email.length > 254 || !isEmail(email)) throw new AdminError(`Not a valid email address: ${JSON.stringify(raw ?? '')}.`, 2);
  return email;
}

function validName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length < 1 || name.length > 200) throw new AdminError('The name must be 1 to 200 characters long.', 2);
  return name;
}

function validLanguage(raw: unknown): Locale {
  if (!isLocale(raw)) throw new AdminError(`The language must be fr, nl or en (got ${JSON.stringify(raw)}).`, 2);
  return raw;
}
