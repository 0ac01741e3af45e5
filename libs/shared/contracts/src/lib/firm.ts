import type { ClientStatus, CostBasisMethod, ReportPayer, Role } from './enums';

/** GET/PATCH /api/firm (PATCH: firm admin only; every field optional). Money is a decimal string. */
export interface FirmSettings {
  readonly id: string;
  readonly name: string;
  readonly defaultMethod: CostBasisMethod;
  readonly reportPriceUsd: string;
  readonly payer: ReportPayer;
  readonly invitationExpiryDays: number;
  readonly requireTwoFactorForStaff: boolean;
  /** How the final forms print amounts: whole dollars or cents (rounding only at output). */
  readonly reportRounding: ReportRounding;
  /** Whether staff may store clients' taxpayer ids (sealed). Turning it off erases every stored id of the firm. */
  readonly storeTaxpayerIds: boolean;
}

export const REPORT_ROUNDINGS = ['cents', 'dollars'] as const;
export type ReportRounding = (typeof REPORT_ROUNDINGS)[number];

/** Where a client's crypto income prints: Schedule 1 line 8 (hobby/other income) or Schedule C (business). */
export const INCOME_SCHEDULES = ['schedule1', 'scheduleC'] as const;
export type IncomeSchedule = (typeof INCOME_SCHEDULES)[number];

export type UpdateFirmSettingsRequest = Partial<Omit<FirmSettings, 'id'>>;

/** GET /api/team */
export interface TeamMember {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Exclude<Role, 'client'>;
  readonly twoFactorEnabled: boolean;
  readonly active: boolean;
  readonly assignedClientCount: number;
}

/** PATCH /api/team/:userId { role } ; POST /api/team/:userId/deactivate ; POST /api/team/:userId/reset-2fa */
export interface ChangeRoleRequest {
  readonly role: Exclude<Role, 'client'>;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** POST /api/invitations. kind=client: creates (or uses `clientId`) the client record; kind=preparer: admin only. */
export interface CreateInvitationRequest {
  readonly kind: 'preparer' | 'client';
  readonly email: string;
  readonly displayName: string;
  /** Invite a login for an existing (e.g. directly added) client. */
  readonly clientId?: string;
}

export interface Invitation {
  readonly id: string;
  readonly kind: 'preparer' | 'client';
  readonly email: string;
  readonly displayName: string;
  readonly clientId: string | null;
  readonly status: InvitationStatus;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly invitedBy: string;
}

/** Returned on create and resend: the single-use link, shown once to the inviter to copy (also emailed with SMTP). */
export interface InvitationWithLink {
  readonly invitation: Invitation;
  readonly link: string;
  readonly emailed: boolean;
}

/** GET /api/invitations/preview/:token (public): what the invitee sees before accepting. */
export interface InvitationPreview {
  readonly firmName: string;
  readonly email: string;
  readonly displayName: string;
  readonly kind: 'preparer' | 'client';
  readonly consentText: string;
  readonly consentVersion: string;
}

/** POST /api/invitations/accept (public) -> SessionResponse. Clients must send consent: true. */
export interface AcceptInvitationRequest {
  readonly token: string;
  readonly password: string;
  readonly displayName?: string;
  readonly consent?: boolean;
}

/** POST /api/clients: "direct add", a client with no login (the firm pays; preparers upload for them). */
export interface CreateClientRequest {
  readonly displayName: string;
  readonly email?: string;
  readonly timeZone?: string;
}

/** PATCH /api/clients/:id */
export interface UpdateClientRequest {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly timeZone?: string;
  readonly defaultMethod?: CostBasisMethod | null;
  /** Decimal string, or null to use the firm's price. Firm admin only. */
  readonly reportPriceOverrideUsd?: string | null;
  readonly incomeSchedule?: IncomeSchedule;
}

/**
 * PUT /api/clients/:id/taxpayer-id (staff, only while the firm stores taxpayer ids) -> ClientDetail; DELETE removes it.
 * SSN/ITIN as 123-45-6789 or 9 digits, EIN as 12-3456789. Sealed at rest; the API only ever shows the last 4 digits.
 */
export interface SetTaxpayerIdRequest {
  readonly taxpayerId: string;
}

/** PUT /api/clients/:id/preparers (firm admin) */
export interface AssignPreparersRequest {
  readonly userIds: readonly string[];
}

export interface ClientSummary {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly hasLogin: boolean;
  readonly status: ClientStatus;
  readonly preparers: readonly { readonly id: string; readonly displayName: string }[];
  readonly lastActivityAt: string | null;
  readonly openWarnings: number;
}

/** GET /api/clients/:id?taxYear= (status for that tax year; default: last calendar year, never before 2023). */
export interface ClientDetail extends ClientSummary {
  readonly timeZone: string;
  readonly defaultMethod: CostBasisMethod | null;
  readonly reportPriceOverrideUsd: string | null;
  readonly incomeSchedule: IncomeSchedule;
  /** "•••-••-1234" when a taxpayer id is stored, else null. The full id is never returned. */
  readonly taxpayerIdMasked: string | null;
  readonly consent: { readonly given: boolean; readonly version: string | null; readonly at: string | null; readonly revokedAt: string | null };
}

/** POST /api/clients/:id/submit: "I'm done uploading" for a tax year, by the client or their preparer/admin -> ClientDetail. */
export interface SubmitTaxYearRequest {
  readonly taxYear: number;
}

/**
 * POST /api/clients/:id/consent (the client's own login only) gives the data-sharing consent again for the current
 * text version (InvitationPreview.consentVersion); DELETE /api/clients/:id/consent revokes it. Both -> ClientDetail.
 */
export interface GiveConsentRequest {
  readonly consentVersion: string;
}

export const CLIENT_SORTS = ['name', '-name', 'status', '-status', 'lastActivity', '-lastActivity'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** GET /api/clients?taxYear=2025&search=&status=&preparerId=&sort=name&page=1&pageSize=25 */
export interface ClientListResponse {
  readonly items: readonly ClientSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly taxYear: number;
  /** Counts per status over the whole (filtered by role, not by page) list: the dashboard chart. */
  readonly statusCounts: Readonly<Record<ClientStatus, number>>;
}

/** GET /api/audit?action=&actorId=&from=&to=&page=&pageSize= (firm admin); GET /api/audit.csv for the export. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly displayName: string } | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly correlationId: string | null;
}

export interface AuditListResponse {
  readonly items: readonly AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}
