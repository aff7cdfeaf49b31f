import { describe, expect, it } from 'vitest';
import { authorizeAdvice, checkRoutePolicy, may, type AdviceAction, type DossierAccess } from '../worker/policy';
import type { UserPrincipal } from '../worker/context';
import { ADVICE_STATUSES } from '../schema/advice';
import { ROLES, type Role } from '../schema/users';
import { AppError } from '../worker/errors';

const user = (role: Role, over: Partial<UserPrincipal> = {}): UserPrincipal => ({
  kind: 'user',
  id: `u-${role}`,
  name: role,
  email: `${role}@x.example`,
  role,
  orgId: 'org-a',
  orgSlug: 'a',
  councilId: role.startsWith('council') ? 'council-1' : null,
  via: 'token',
  ...over,
});
const dossier = (over: Partial<DossierAccess> = {}): DossierAccess => ({ orgId: 'org-a', councilId: 'council-1', status: 'in_review', approvalRequestedBy: 'u-official', ...over });
const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (e) {
    if (e instanceof AppError) return e.status;
    throw e;
  }
};

describe('authorizeAdvice', () => {
  it('four eyes: the user who requested approval may not approve, whatever their role', () => {
    const requester = user('approver', { id: 'u-official' });
    expect(statusOf(() => authorizeAdvice(requester, dossier(), 'approve'))).toBe(403);
    expect(statusOf(() => authorizeAdvice(user('approver'), dossier(), 'approve'))).toBe(200);
    // The same person may still send it back.
    expect(statusOf(() => authorizeAdvice(requester, dossier(), 'return'))).toBe(200);
  });

  it('another organisation is 404 for every action, in every state, for every role', () => {
    const actions: AdviceAction[] = ['view', 'edit', 'submit', 'respond', 'requestApproval', 'return', 'approve', 'send', 'viewLetter', 'viewDelivery'];
    for (const role of ROLES)
      for (const status of ADVICE_STATUSES)
        for (const action of actions) {
          expect(statusOf(() => authorizeAdvice(user(role, { orgId: 'org-b', orgSlug: 'b' }), dossier({ status }), action)), `${role} ${status} ${action}`).toBe(404);
        }
  });

  it('drafts are the council’s own; other councils never see a dossier', () => {
    for (const role of ['admin', 'official', 'approver'] as const) expect(may(user(role), dossier({ status: 'draft' }), 'view')).toBe(false);
    expect(may(user('council_member'), dossier({ status: 'draft' }), 'view')).toBe(true);
    expect(statusOf(() => authorizeAdvice(user('council_member', { councilId: 'council-2' }), dossier({ status: 'submitted' }), 'view'))).toBe(404);
  });

  it('anonymous is 401 and the platform 403', () => {
    expect(statusOf(() => authorizeAdvice(null, dossier(), 'view'))).toBe(401);
    expect(statusOf(() => authorizeAdvice({ kind: 'platform' }, dossier(), 'view'))).toBe(403);
  });

  it('council members read the letter only once it is sent', () => {
    expect(may(user('council_member'), dossier({ status: 'signed' }), 'viewLetter')).toBe(false);
    expect(may(user('council_secretary'), dossier({ status: 'sent' }), 'viewLetter')).toBe(true);
    expect(may(user('official'), dossier({ status: 'in_progress' }), 'viewLetter')).toBe(true);
  });
});

describe('checkRoutePolicy', () => {
  it('denies what it does not explicitly allow', () => {
    expect(statusOf(() => checkRoutePolicy('platform', user('admin')))).toBe(403);
    expect(statusOf(() => checkRoutePolicy('orgAdmin', user('official'), 'a'))).toBe(403);
    expect(statusOf(() => checkRoutePolicy('orgAdmin', user('admin'), 'b'))).toBe(404);
    expect(statusOf(() => checkRoutePolicy('orgAdminUser', { kind: 'platform' }, 'a'))).toBe(403);
    expect(statusOf(() => checkRoutePolicy('orgAdminUser', user('official'), 'a'))).toBe(403);
    expect(statusOf(() => checkRoutePolicy('orgAdminUser', user('admin'), 'b'))).toBe(404);
    expect(statusOf(() => checkRoutePolicy('orgMember', { kind: 'platform' }, 'a'))).toBe(403);
    expect(statusOf(() => checkRoutePolicy('orgMemberOrPlatform', user('council_member'), 'b'))).toBe(404);
    expect(statusOf(() => checkRoutePolicy('user', null))).toBe(401);
    // A policy name the module does not know is an error, never a pass.
    expect(() => checkRoutePolicy('unknown' as never, user('admin'))).toThrow();
  });
});
