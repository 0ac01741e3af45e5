import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InvitationStatus } from '@lotline/contracts';
import { one, rows } from '../common/sql';

export interface InvitationRow {
  readonly id: string;
  readonly firmId: string;
  readonly firmName: string;
  readonly kind: 'preparer' | 'client';
  readonly email: string;
  readonly displayName: string;
  readonly clientId: string | null;
  readonly invitedById: string | null;
  readonly invitedBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly revokedAt: Date | null;
}

const COLS = `i.id, i.firm_id AS "firmId", f.name AS "firmName", i.kind, i.email, i.display_name AS "displayName", i.client_id AS "clientId",
  i.invited_by AS "invitedById", COALESCE(u.display_name, '') AS "invitedBy", i.created_at AS "createdAt", i.expires_at AS "expiresAt",
  i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"`;
const FROM = `FROM invitation i JOIN firm f ON f.id = i.firm_id LEFT JOIN app_user u ON u.id = i.invited_by`;

export function invitationStatus(r: InvitationRow, now: Date): InvitationStatus {
  if (r.revokedAt) return 'revoked';
  if (r.acceptedAt) return 'accepted';
  return r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** Invitations: only the sha256 of the token is stored. */
@Injectable()
export class InvitationRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(
    m: EntityManager,
    i: { firmId: string; kind: 'preparer' | 'client'; email: string; displayName: string; clientId: string | null; tokenHash: string; invitedBy: string; at: Date; expiresAt: Date },
  ): Promise<string> {
    const r = await one<{ id: string }>(
      m,
      `INSERT INTO invitation (firm_id, kind, email, display_name, client_id, token_hash, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [i.firmId, i.kind, i.email, i.displayName, i.clientId, i.tokenHash, i.invitedBy, i.at, i.expiresAt],
    );
    return (r as { id: string }).id;
  }

  /** The firm's invitations, newest first; `assignedTo` limits to client invitations of that preparer's clients. */
  list(firmId: string, assignedTo: string | null): Promise<InvitationRow[]> {
    return rows<InvitationRow>(
      this.ds.manager,
      `SELECT ${COLS} ${FROM} WHERE i.firm_id = $1
         AND ($2::uuid IS NULL OR (i.kind = 'client' AND EXISTS (SELECT 1 FROM client_preparer cp WHERE cp.firm_id = i.firm_id AND cp.client_id = i.client_id AND cp.user_id = $2)))
       ORDER BY i.created_at DESC, i.id LIMIT 1000`,
      [firmId, assignedTo],
    );
  }

  findById(m: EntityManager, firmId: string, id: string): Promise<InvitationRow | null> {
    return one<InvitationRow>(m, `SELECT ${COLS} ${FROM} WHERE i.firm_id = $1 AND i.id = $2 FOR UPDATE OF i`, [firmId, id]);
  }

  findByTokenHash(m: EntityManager, tokenHash: string, lock: boolean): Promise<InvitationRow | null> {
    return one<InvitationRow>(m, `SELECT ${COLS} ${FROM} WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`, [tokenHash]);
  }

  async renew(m: EntityManager, id: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await m.query(`UPDATE invitation SET token_hash = $2, expires_at = $3 WHERE id = $1`, [id, tokenHash, expiresAt]);
  }

  async revoke(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE invitation SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL AND accepted_at IS NULL`, [id, at]);
  }

  /** Revokes earlier pending invitations for the same person (a new invitation replaces them). */
  async revokePending(m: EntityManager, firmId: string, email: string, clientId: string | null, at: Date): Promise<string[]> {
    const r = await rows<{ id: string }>(
      m,
      `UPDATE invitation SET revoked_at = $4 WHERE firm_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $4
          AND (lower(email) = lower($2) OR ($3::uuid IS NOT NULL AND client_id = $3)) RETURNING id`,
      [firmId, email, clientId, at],
    );
    return r.map((x) => x.id);
  }

  async accept(m: EntityManager, id: string, userId: string, at: Date): Promise<void> {
    await m.query(`UPDATE invitation SET accepted_at = $3, accepted_user_id = $2 WHERE id = $1`, [id, userId, at]);
  }
}
