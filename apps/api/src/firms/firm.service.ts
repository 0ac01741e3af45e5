import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FirmSettings } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import type { AuthUser } from '../common/auth-user';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../common/ids';
import type { UpdateFirmSettingsDto } from './firm.dto';
import { FirmRepository } from './firm.repository';

@Injectable()
export class FirmService {
  constructor(
    private readonly ds: DataSource,
    private readonly firms: FirmRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The actor's own firm (the only firm anyone can see). */
  async get(actor: AuthUser): Promise<FirmSettings> {
    return (await this.firms.get(actor.firmId)) ?? Promise.reject(notFound());
  }

  async update(actor: AuthUser, dto: UpdateFirmSettingsDto, ctx: RequestContext): Promise<FirmSettings> {
    return this.ds.transaction(async (m) => {
      const before = await this.firms.get(actor.firmId, m, true);
      if (!before) throw notFound();
      const current: Omit<FirmSettings, 'id'> = {
        name: before.name,
        defaultMethod: before.defaultMethod,
        reportPriceUsd: before.reportPriceUsd,
        payer: before.payer,
        invitationExpiryDays: before.invitationExpiryDays,
        requireTwoFactorForStaff: before.requireTwoFactorForStaff,
        reportRounding: before.reportRounding,
        storeTaxpayerIds: before.storeTaxpayerIds,
      };
      const next = { ...current, ...definedOnly(dto), name: (dto.name ?? current.name).trim() };
      const after = await this.firms.update(m, actor.firmId, next);
      const changed = Object.keys(next).filter((k) => String(current[k as keyof typeof current]) !== String(after[k as keyof typeof after]));
      await recordAudit(m, {
        firmId: actor.firmId,
        actorUserId: actor.id,
        action: 'firm.settings_changed',
        subjectType: 'firm',
        subjectId: actor.firmId,
        before: Object.fromEntries(changed.map((k) => [k, current[k as keyof typeof current]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
        context: ctx,
        at: this.clock(),
      });
      if (before.storeTaxpayerIds && !after.storeTaxpayerIds) {
        const erased = await this.firms.eraseTaxpayerIds(m, actor.firmId);
        await recordAudit(m, { firmId: actor.firmId, actorUserId: actor.id, action: 'client.taxpayer_ids_erased', subjectType: 'firm', subjectId: actor.firmId, details: { erased }, context: ctx, at: this.clock() });
      }
      return after;
    });
  }
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
