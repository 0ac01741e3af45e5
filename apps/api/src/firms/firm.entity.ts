import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Decimal } from '@lotline/ledger';
import type { CostBasisMethod, ReportPayer, ReportRounding } from '@lotline/contracts';
import { decimalTransformer } from '../database/decimal.transformer';

@Entity('firm')
export class FirmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'default_method' }) defaultMethod!: CostBasisMethod;
  @Column('numeric', { name: 'report_price_usd', precision: 12, scale: 2, transformer: decimalTransformer })
  reportPriceUsd!: Decimal;
  @Column('text') payer!: ReportPayer;
  @Column('jsonb') settings!: Record<string, unknown>;
  @Column('boolean', { name: 'is_demo' }) isDemo!: boolean;
  @Column('integer', { name: 'invitation_expiry_days', default: 14 }) invitationExpiryDays!: number;
  @Column('boolean', { name: 'require_two_factor_for_staff', default: false }) requireTwoFactorForStaff!: boolean;
  @Column('text', { name: 'report_rounding', default: 'cents' }) reportRounding!: ReportRounding;
  @Column('boolean', { name: 'store_taxpayer_ids', default: false }) storeTaxpayerIds!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
