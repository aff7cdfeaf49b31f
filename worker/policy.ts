/**
 * The one policy module of the Worker, used by the API and the web alike. Anything not
 * explicitly allowed here is denied.
 *
 * Two levels: a route policy (who may call the route at all, checked before the body is read)
 * and resource rules (tenant, council, role per action on one dossier). A dossier that the
 * caller may not know about answers 404, never 403.
 */
import type { Principal, UserPrincipal } from './context';
import type { Role } from '../schema/users';
import type { AdviceStatus } from '../schema/advice';
import { forbidden, notFound, unauthorized } from './errors';
import { nl } from '../schema/i18n/nl';

export type RoutePolicy =
  /** Anyone, signed in or not. */
  | 'public'
  /** The platform operator (ADMIN_TOKEN). */
  | 'platform'
  /** The platform operator, or an admin of the organisation named by the :slug parameter. */
  | 'orgAdmin'
  /**
   * An admin of the organisation named by :slug, not the platform operator: the organisation's
   * own settings (its letterhead and signatories are what letters are signed with).
   */
  | 'orgAdminUser'
  /** Any user of the organisation named by :slug (the service narrows by role). */
  | 'orgMember'
  /** The platform operator, or any user of the organisation named by :slug. */
  | 'orgMemberOrPlatform'
  /** Any signed-in user of an organisation; the service checks the resource. */
  | 'user';

export const STAFF_ROLES: readonly Role[] = ['admin', 'official', 'approver'];
export const isStaff = (p: UserPrincipal) => STAFF_ROLES.includes(p.role);
/**
 * Roles that sign letters or configure the organisation: their web sessions are only full after a
 * passkey ceremony (docs/passkeys.md). Council members and officials sign in by e-mail link.
 */
export const PASSKEY_ROLES: readonly Role[] = ['admin', 'approver'];
export const needsPasskey = (role: Role) => PASSKEY_ROLES.includes(role);
export const isCouncilRole = (p: UserPrincipal) => p.role === 'council_member' || p.role === 'council_secretary';

/**
 * Who issues an API token for a user of this role: the platform operator for anyone; an
 * organisation admin only for roles without a passkey (officials, council roles). A token of an
 * approver or admin would act without their passkey: they issue their own, after an assertion
 * (worker/routes/web/own-tokens.tsx), or the platform operator does.
 */
export const mayIssueTokenFor = (issuer: Principal, role: Role) => issuer.kind === 'platform' || (issuer.role === 'admin' && !needsPasskey(role));

/** Throws unless the principal passes the route policy. `slug` is the route's :slug, if any. */
export function checkRoutePolicy(policy: RoutePolicy, p: Principal | null, slug?: string): void {
  if (policy === 'public') return;
  if (!p) throw unauthorized();
  switch (policy) {
    case 'platform':
      if (p.kind !== 'platform') throw forbidden();
      return;
    case 'orgAdmin':
      if (p.kind === 'platform') return;
      if (p.orgSlug !== slug) throw notFound();
      if (p.role !== 'admin') throw forbidden();
      return;
    case 'orgAdminUser':
      if (p.kind !== 'user') throw forbidden();
      if (p.orgSlug !== slug) throw notFound();
      if (p.role !== 'admin') throw forbidden();
      return;
    case 'orgMember':
      if (p.kind !== 'user') throw forbidden();
      if (p.orgSlug !== slug) throw notFound();
      return;
    case 'orgMemberOrPlatform':
      if (p.kind === 'platform') return;
      if (p.orgSlug !== slug) throw notFound();
      return;
    case 'user':
      if (p.kind !== 'user') throw forbidden();
      return;
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

export type AdviceAction =
  | 'view'
  | 'edit'
  | 'submit'
  | 'respond'
  | 'requestApproval'
  | 'return'
  | 'approve'
  | 'send'
  | 'viewLetter'
  | 'viewDelivery'
  | 'retryDelivery'
  /** Decide whether the dossier is published under the Woo (any state), and read that decision. */
  | 'publish'
  | 'viewPublication';

const ACTION_ROLES: Record<AdviceAction, readonly Role[]> = {
  view: ['admin', 'official', 'approver', 'council_member', 'council_secretary'],
  edit: ['council_member', 'council_secretary'],
  submit: ['council_secretary'],
  respond: ['official', 'approver'],
  requestApproval: ['official'],
  return: ['approver'],
  approve: ['approver'],
  send: ['official', 'approver'],
  viewLetter: ['admin', 'official', 'approver', 'council_member', 'council_secretary'],
  viewDelivery: ['admin', 'official', 'approver'],
  retryDelivery: ['official', 'approver'],
  publish: ['official', 'approver'],
  viewPublication: ['admin', 'official', 'approver'],
};

export type DossierAccess = {
  orgId: string;
  councilId: string;
  status: AdviceStatus;
  approvalRequestedBy: string | null;
};

/** Whether the principal may know the dossier exists at all. */
export function canSeeDossier(p: UserPrincipal, d: DossierAccess): boolean {
  if (p.orgId !== d.orgId) return false;
  if (isCouncilRole(p)) return p.councilId === d.councilId;
  // A draft belongs to the council until it is submitted.
  return d.status !== 'draft';
}

/** Throws 404 when the dossier is not the caller's to know, 403 when the role may not act. */
export function authorizeAdvice(p: Principal | null, d: DossierAccess, action: AdviceAction): UserPrincipal {
  if (!p) throw unauthorized();
  if (p.kind !== 'user') throw forbidden();
  if (!canSeeDossier(p, d)) throw notFound();
  if (!ACTION_ROLES[action].includes(p.role)) throw forbidden();
  if (action === 'approve' && d.approvalRequestedBy === p.id) throw forbidden(nl.states.fourEyes);
  // Council members read the answer once it has been sent to them, not before.
  if (action === 'viewLetter' && isCouncilRole(p) && d.status !== 'sent') throw forbidden();
  return p;
}

export function may(p: Principal | null, d: DossierAccess, action: AdviceAction): boolean {
  try {
    authorizeAdvice(p, d, action);
    return true;
  } catch {
    return false;
  }
}

/**
 * The figures (API.md, "Figures"): officials, approvers and admins see the whole organisation or
 * one council of it; a council member or secretary sees their own council only (another council
 * is 403). Returns the council to narrow the figures to, or null for every council.
 */
export function figuresCouncil(p: Principal | null, councilId: string | null): string | null {
  if (!p) throw unauthorized();
  if (p.kind !== 'user') throw forbidden();
  if (isCouncilRole(p)) {
    if (!p.councilId || (councilId !== null && councilId !== p.councilId)) throw forbidden();
    return p.councilId;
  }
  if (isStaff(p)) return councilId;
  throw forbidden();
}

// ---- consultations ---------------------------------------------------------------------------

export type ConsultationAction =
  | 'view'
  | 'create'
  | 'addRemark'
  | 'close'
  | 'respond'
  | 'requestApproval'
  | 'return'
  | 'approve'
  | 'send'
  | 'viewList'
  | 'viewDelivery'
  /** Decide whether the signed list is published under the Woo (any state), and read that decision. */
  | 'publish'
  | 'viewPublication';

const CONSULTATION_ROLES: Record<ConsultationAction, readonly Role[]> = {
  view: ['admin', 'official', 'approver', 'council_member', 'council_secretary'],
  create: ['official'],
  // Officials for any participant; council roles for their own council only (the service checks which).
  addRemark: ['official', 'council_member', 'council_secretary'],
  close: ['official'],
  respond: ['official', 'approver'],
  requestApproval: ['official'],
  return: ['approver'],
  approve: ['approver'],
  send: ['official', 'approver'],
  viewList: ['admin', 'official', 'approver', 'council_member', 'council_secretary'],
  viewDelivery: ['admin', 'official', 'approver'],
  publish: ['official', 'approver'],
  viewPublication: ['admin', 'official', 'approver'],
};

export type ConsultationAccess = {
  orgId: string;
  status: import('../schema/consultations').ConsultationStatus;
  approvalRequestedBy: string | null;
  /** The organisation's councils that take part. */
  councilIds: readonly string[];
};

/** Whether the principal may know the consultation exists: staff of its organisation, and members of a participating council. */
export function canSeeConsultation(p: UserPrincipal, c: ConsultationAccess): boolean {
  if (p.orgId !== c.orgId) return false;
  if (isCouncilRole(p)) return p.councilId !== null && c.councilIds.includes(p.councilId);
  return true;
}

/** Throws 404 when the consultation is not the caller's to know, 403 when the role may not act. */
export function authorizeConsultation(p: Principal | null, c: ConsultationAccess, action: ConsultationAction): UserPrincipal {
  if (!p) throw unauthorized();
  if (p.kind !== 'user') throw forbidden();
  if (!canSeeConsultation(p, c)) throw notFound();
  if (!CONSULTATION_ROLES[action].includes(p.role)) throw forbidden();
  if (action === 'approve' && c.approvalRequestedBy === p.id) throw forbidden(nl.consultations.states.fourEyes);
  // Council members read the list once it has been sent to them, not before.
  if (action === 'viewList' && isCouncilRole(p) && c.status !== 'sent') throw forbidden();
  return p;
}

/** Whether the principal may start a consultation in its organisation. */
export const mayCreateConsultation = (p: UserPrincipal) => CONSULTATION_ROLES.create.includes(p.role);

export function mayOnConsultation(p: Principal | null, c: ConsultationAccess, action: ConsultationAction): boolean {
  try {
    authorizeConsultation(p, c, action);
    return true;
  } catch {
    return false;
  }
}
