import type { Readable } from 'node:stream';
import type { ReportFileKind } from '@lotline/contracts';
import type { SourceRef } from '@lotline/ledger';
import type { TaxResult } from '@lotline/tax-engine';

/**
 * What report generation needs from the features around it (reconciliation, billing, file storage, forms + PDF).
 * Each is one small interface so the module wires the real service in one line (reports.module.ts, main.ts).
 */

/** ReconciliationService.computation(firmId, clientId, taxYear): the year as the preview shows it. */
export interface ReportComputation {
  readonly result: TaxResult;
  readonly openBlockingWarnings: number;
  readonly method: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly inputsHash: string;
  readonly engineVersion: string;
  /** Source of each ledger event by id (file/line, API record), for the audit trail. */
  readonly sources?: (eventId: string) => SourceRef | undefined;
}

export abstract class ReportComputationSource {
  abstract computation(firmId: string, clientId: string, taxYear: number): Promise<ReportComputation>;
}

/** BillingService.entitlement(firmId, clientId, taxYear). */
export interface ReportEntitlement {
  readonly paid: boolean;
  readonly reason: string | null;
  readonly paymentId: string | null;
}

export abstract class ReportEntitlements {
  abstract entitlement(firmId: string, clientId: string, taxYear: number): Promise<ReportEntitlement>;
}

export interface StoredReportBytes {
  readonly storageKey: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** The firm's file store (content-addressed: the same bytes are stored once and never overwritten). */
export abstract class ReportFileStore {
  abstract put(firmId: string, bytes: Uint8Array): Promise<StoredReportBytes>;
  abstract open(storageKey: string): Promise<Readable> | Readable;
}

export interface RenderedReportFile {
  readonly kind: ReportFileKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface ReportRenderInput {
  readonly taxYear: number;
  /** The version number being generated and when (ISO 8601), printed on every page. */
  readonly version: number;
  readonly generatedAt: string;
  readonly clientName: string;
  readonly firmName: string;
  /** SSN/ITIN/EIN for the Form 8949 header; absent: the field stays blank for the preparer to fill in. Never stored here. */
  readonly taxpayerId?: string;
  readonly computation: ReportComputation;
}

/** tax-forms models/HTML/CSVs + the PDF renderer: every file of one report set. */
export abstract class ReportSetRenderer {
  abstract render(input: ReportRenderInput): Promise<RenderedReportFile[]>;
}
