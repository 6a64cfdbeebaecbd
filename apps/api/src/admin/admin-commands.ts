import type { CoordinatorRow } from './coordinators.repository';
import type { CoordinatorsService, CreateCoordinatorResult, PasswordResetResult } from './coordinators.service';
import { AdminError } from './admin-error';

/**
 * The administration commands that change accounts, as one request shape: the CLI runs them itself
 * when no instance holds the embedded database, or sends them to the running instance's admin
 * channel; both end in runAdminRequest.
 */
export type AdminRequest =
  | { command: 'create-coordinator'; email: string; name: string; language?: string }
  | { command: 'list-coordinators' }
  | { command: 'revoke-coordinator'; email: string }
  | { command: 'reset-password'; email: string };

export type AdminResponse =
  | { command: 'create-coordinator'; result: CreateCoordinatorResult }
  | { command: 'list-coordinators'; result: CoordinatorRow[] }
  | { command: 'revoke-coordinator'; result: { email: string } }
  | { command: 'reset-password'; result: PasswordResetResult };

export async function runAdminRequest(coordinators: CoordinatorsService, request: AdminRequest): Promise<AdminResponse> {
  switch (request?.command) {
    case 'create-coordinator':
      return { command: request.command, result: await coordinators.create(request) };
    case 'list-coordinators':
      return { command: request.command, result: await coordinators.list() };
    case 'revoke-coordinator':
      return { command: request.command, result: await coordinators.revoke(request) };
    case 'reset-password':
      return { command: request.command, result: await coordinators.resetPassword(request) };
    default:
      throw new AdminError(`Unknown command ${JSON.stringify((request as { command?: unknown })?.command)}.`, 2);
  }
}

/** What the CLI prints on stdout for a response (the link on a line of its own, easy to copy). */
export function describeResponse(response: AdminResponse): string[] {
  switch (response.command) {
    case 'create-coordinator': {
      const { result } = response;
      const who = `${result.email} (${result.name})`;
      const lines = [
        result.outcome === 'created'
          ? `Coordinator ${who} created.`
          : result.outcome === 'promoted'
            ? `${who} already had an account: it is now a coordinator.`
            : `${who} is already a coordinator.`,
      ];
      if (result.invitation) {
        const earlier = result.outcome === 'created' ? '' : '; an earlier link no longer works';
        lines.push(`Link to choose a password (works once, valid ${result.invitation.days} days; also queued as an email${earlier}):`, result.invitation.link);
      } else {
        lines.push(`The account has a password: sign in at ${result.signInUrl} (a new password: reset-password --email ${result.email}).`);
      }
      return lines;
    }
    case 'list-coordinators': {
      if (response.result.length === 0) return ['No coordinator yet: create one with create-coordinator --email … --name ….'];
      const rows = response.result.map((row) => [
        row.email,
        row.name,
        row.locale,
        !row.active ? 'deactivated' : row.hasPassword ? 'active' : 'invitation pending',
        new Date(row.since).toISOString().slice(0, 10),
      ]);
      return table([['EMAIL', 'NAME', 'LANGUAGE', 'STATE', 'SINCE'], ...rows]);
    }
    case 'revoke-coordinator':
      return [`${response.result.email} is no longer a coordinator (the account and its memberships stay).`];
    case 'reset-password':
      return [
        `Link to choose a new password for ${response.result.email} (works once, valid ${response.result.minutes} minutes; also queued as an email):`,
        response.result.link,
      ];
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}
