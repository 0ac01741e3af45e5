import { PriceTableComponent } from './price-table.component';
import { ReconciliationPolicyComponent } from './reconciliation-policy.component';
import { ReportPrintSettingsComponent } from './report-print-settings.component';

/** The settings page's own sections (firm admin): final forms, reconciliation policy, price table. */
export const FIRM_SETTINGS_SECTIONS = [ReportPrintSettingsComponent, ReconciliationPolicyComponent, PriceTableComponent];
