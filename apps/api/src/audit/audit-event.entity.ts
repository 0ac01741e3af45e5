import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE/DELETE/TRUNCATE); written only through recordAudit. */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'firm_id' }) firmId!: string;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'subject_type' }) subjectType!: string;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('jsonb', { nullable: true }) before!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) after!: Record<string, unknown> | null;
  @Column('text', { nullable: true }) ip!: string | null;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent!: string | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}
