import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Decimal } from '@lotline/ledger';
import type { CostBasisMethod, IncomeSchedule } from '@lotline/contracts';
import { decimalTransformer } from '../database/decimal.transformer';

@Entity('client')
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'firm_id' }) firmId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('text', { name: 'default_method', nullable: true }) defaultMethod!: CostBasisMethod | null;
  @Column('numeric', { name: 'report_price_override_usd', precision: 12, scale: 2, nullable: true, transformer: decimalTransformer })
  reportPriceOverrideUsd!: Decimal | null;
  @Column('text', { name: 'consent_version', nullable: true }) consentVersion!: string | null;
  @Column('timestamptz', { name: 'consent_given_at', nullable: true }) consentGivenAt!: Date | null;
  @Column('timestamptz', { name: 'consent_revoked_at', nullable: true }) consentRevokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_activity_at', nullable: true }) lastActivityAt!: Date | null;
  @Column('text', { name: 'income_schedule', default: 'schedule1' }) incomeSchedule!: IncomeSchedule;
  /** SecretBox-sealed SSN/ITIN/EIN (only while the firm stores taxpayer ids). */
  @Column('text', { name: 'taxpayer_id_sealed', nullable: true }) taxpayerIdSealed!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('client_preparer')
export class ClientPreparerEntity {
  @Column('uuid', { name: 'firm_id' }) firmId!: string;
  @Column('uuid', { name: 'client_id', primary: true }) clientId!: string;
  @Column('uuid', { name: 'user_id', primary: true }) userId!: string;
}
