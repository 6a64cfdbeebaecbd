import type { CredentialGrantView } from '@equipole/shared';

export type GrantState = 'active' | 'expired' | 'revoked';

/** Whether a grant still counts on `today` (YYYY-MM-DD): the expiry day itself is still valid. */
export function grantState(grant: Pick<CredentialGrantView, 'revokedAt' | 'expiresOn'>, today: string): GrantState {
  if (grant.revokedAt) return 'revoked';
  return grant.expiresOn < today ? 'expired' : 'active';
}
