import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { AuthInvitationsAudit1764000000000 } from './1764000000000-auth-invitations-audit';
import { LedgerAndImports1764100000000 } from './1764100000000-ledger-and-imports';
import { ExchangeCredentials1764200000000 } from './1764200000000-exchange-credentials';
import { Reconciliation1764300000000 } from './1764300000000-reconciliation';
import { PricesAndBrokerForms1764350000000 } from './1764350000000-prices-and-broker-forms';
import { Billing1764400000000 } from './1764400000000-billing';
import { ReportVersions1764500000000 } from './1764500000000-report-versions';
import { ReportSettings1764600000000 } from './1764600000000-report-settings';
import { ReconMatches1764700000000 } from './1764700000000-recon-matches';
import { ReconOutputFingerprints1764800000000 } from './1764800000000-recon-output-fingerprints';

/** Every migration, in order. Listed explicitly so the webpack bundle carries them. */
export const MIGRATIONS = [InitialSchema1763900000000, AuthInvitationsAudit1764000000000, LedgerAndImports1764100000000, ExchangeCredentials1764200000000, Reconciliation1764300000000, PricesAndBrokerForms1764350000000, Billing1764400000000, ReportVersions1764500000000, ReportSettings1764600000000, ReconMatches1764700000000, ReconOutputFingerprints1764800000000];
