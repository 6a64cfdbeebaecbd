import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { CurrentUser, MembershipRole } from '@equipole/shared';
import type { Request } from 'express';
import { ErrorCode } from '@equipole/shared';
import { DomainError } from '../common/domain-error';

export type AuthUser = CurrentUser & { sessionId: string };

export const IS_PUBLIC = 'equipole:isPublic';
/** The route answers without a session (a session, when present, is still read). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
  if (!user) throw new DomainError(ErrorCode.Unauthenticated);
  return user;
});

export function roleIn(user: AuthUser, organisationId: string): MembershipRole | undefined {
  return user.memberships.find((m) => m.organisationId === organisationId)?.role;
}

export function organisationIds(user: AuthUser, role?: MembershipRole): string[] {
  return user.memberships.filter((m) => !role || m.role === role).map((m) => m.organisationId);
}

export function requireCoordinator(user: AuthUser): void {
  if (!user.isCoordinator) throw new DomainError(ErrorCode.CoordinatorOnly);
}

/** Coordinators manage everything; managers their own organisations. */
export function canManage(user: AuthUser | undefined, organisationId: string): boolean {
  return Boolean(user && (user.isCoordinator || roleIn(user, organisationId) === 'manager'));
}

/** Managers of the organisation and coordinators pass; its members get 403, everyone else 404. */
export function assertManages(user: AuthUser, organisationId: string): void {
  if (canManage(user, organisationId)) return;
  throw new DomainError(roleIn(user, organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
}
