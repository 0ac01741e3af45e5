import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ClientQuestion, ClientQuestionListResponse, LedgerEventView, QuestionChoice, WarningKind } from '@lotline/contracts';
import type { Resolution } from '@lotline/reconciliation';
import type { RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import type { AuthUser } from '../common/auth-user';
import { notFound } from '../common/ids';
import { RUNTIME, systemClock, type Runtime } from '../common/runtime';
import type { AnswerQuestionDto } from './reconciliation.dto';
import { ReconciliationRepository, type StoredWarning } from './reconciliation.repository';
import { ReconciliationService, badField, parse } from './reconciliation.service';

const DEPOSIT_KINDS: readonly WarningKind[] = ['unmatched-deposit', 'uncategorised-inflow'];
/** Kinds a client can answer in plain words. */
export const QUESTION_KINDS: readonly WarningKind[] = [...DEPOSIT_KINDS, 'unmatched-withdrawal'];

type Choices = ClientQuestion['choices'];
const DEPOSIT_CHOICES: Choices = [
  { value: 'own-account', label: 'Yes, from another of my accounts', needs: 'account' },
  { value: 'income', label: 'No, it was income (staking, mining, airdrop, interest, reward...)', needs: 'incomeKind' },
  { value: 'purchase', label: 'No, I bought it', needs: null },
  { value: 'gift-received', label: 'No, it was a gift to me', needs: null },
];
const WITHDRAWAL_CHOICES: Choices = [
  { value: 'sold-or-spent', label: 'I sold it or paid for something with it', needs: null },
  { value: 'gift-sent', label: 'I gave it to someone as a gift', needs: null },
];

/** Plain-language questions for the client about their own open warnings; answers become client resolutions. */
@Injectable()
export class ClientQuestionsService {
  constructor(
    private readonly repo: ReconciliationRepository,
    private readonly access: ClientAccess,
    private readonly resolutions: ReconciliationService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(user: AuthUser, clientId: string): Promise<ClientQuestionListResponse> {
    const client = await this.access.require(user, clientId, 'read');
    const warnings = await this.repo.openWarningsOfKinds(user.firmId, client.id, QUESTION_KINDS);
    const events = new Map((await this.repo.events(user.firmId, client.id, warnings.map((w) => w.eventIds[0] ?? ''))).map((e) => [e.id, e]));
    const answers = await this.answers(user.firmId, client.id);
    return { items: warnings.map((w) => question(w, events.get(w.eventIds[0] ?? ''), answers.get(w.id) ?? null)) };
  }

  async answer(user: AuthUser, clientId: string, key: string, dto: AnswerQuestionDto, ctx: RequestContext): Promise<ClientQuestionListResponse> {
    const client = await this.access.require(user, clientId, 'answer');
    if (!/^[0-9a-f]{24}$/.test(key)) throw notFound();
    const w = await this.repo.warningByKey(user.firmId, client.id, key);
    if (!w || w.status !== 'open' || !QUESTION_KINDS.includes(w.kind)) throw notFound();
    const eventId = w.eventIds[0];
    const deposit = DEPOSIT_KINDS.includes(w.kind);
    const allowed = (deposit ? DEPOSIT_CHOICES : WITHDRAWAL_CHOICES).map((c) => c.value);
    if (!allowed.includes(dto.choice)) throw badField('choice', `one of ${allowed.join(', ')} for this question`);
    const action = w.kind === 'unmatched-deposit' ? 'mark-external' : 'categorise-inflow';
    let payload: Record<string, unknown>;
    switch (dto.choice) {
      case 'own-account':
        if (!dto.account?.trim()) throw badField('account', 'name the account the units came from');
        payload = { action, eventId, category: { as: 'own-transfer', fromAccount: dto.account.trim() } };
        break;
      case 'income':
        if (!dto.incomeKind) throw badField('incomeKind', 'say what kind of income it was');
        payload = { action, eventId, category: { as: 'income', incomeKind: dto.incomeKind } };
        break;
      case 'purchase':
        payload = { action, eventId, category: { as: 'purchase' } };
        break;
      case 'gift-received':
        payload = { action, eventId, category: { as: 'gift-received' } };
        break;
      case 'sold-or-spent':
      case 'gift-sent':
        payload = { action: 'mark-sent-to-third-party', eventId, as: dto.choice === 'gift-sent' ? 'gift' : 'disposal' };
        break;
      default: {
        const exhaustive: never = dto.choice;
        throw badField('choice', String(exhaustive));
      }
    }
    const now = (this.runtime.now ?? systemClock)();
    const reason = `Client answered: ${labelOf(dto.choice)}${dto.note?.trim() ? ` (${dto.note.trim().slice(0, 1000)})` : ''}`;
    const record: Resolution = parse({ id: randomUUID(), payload, warningIds: [w.id], who: user.id, at: now.toISOString(), reason });
    await this.resolutions.store(user, client.id, [this.resolutions.row(user, client.id, record, now, { byClient: true })], ctx, 'resolution.client_answered');
    return this.list(user, clientId);
  }

  /** Active client answers by warning id. */
  private async answers(firmId: string, clientId: string): Promise<Map<string, NonNullable<ClientQuestion['answered']>>> {
    const out = new Map<string, NonNullable<ClientQuestion['answered']>>();
    const { items } = await this.repo.resolutions(firmId, clientId, 500, 0);
    for (const r of items) {
      if (!r.byClient || r.undoneBy) continue;
      const choice = choiceOf(r.payload);
      for (const id of r.warningIds) if (!out.has(id) && choice) out.set(id, { choice, at: r.createdAt, resolutionId: r.id });
    }
    return out;
  }
}

function labelOf(choice: QuestionChoice): string {
  return [...DEPOSIT_CHOICES, ...WITHDRAWAL_CHOICES].find((c) => c.value === choice)?.label ?? choice;
}

function choiceOf(payload: Readonly<Record<string, unknown>>): QuestionChoice | null {
  if (payload['action'] === 'mark-sent-to-third-party') return payload['as'] === 'gift' ? 'gift-sent' : 'sold-or-spent';
  const as = (payload['category'] as { as?: string } | undefined)?.as;
  return as === 'own-transfer' ? 'own-account' : as === 'income' ? 'income' : as === 'purchase' ? 'purchase' : as === 'gift-received' ? 'gift-received' : null;
}

function question(w: StoredWarning, e: LedgerEventView | undefined, answered: ClientQuestion['answered']): ClientQuestion {
  const deposit = DEPOSIT_KINDS.includes(w.kind);
  const moved = deposit ? e?.received : e?.sent;
  const amount = moved ? `${moved.amount} ${moved.asset}` : (w.asset ?? 'units');
  const day = w.at ? w.at.slice(0, 10) : 'an unknown date';
  const where = w.account ?? 'your account';
  return {
    key: w.key,
    warningId: w.id,
    kind: w.kind,
    question: deposit
      ? `Was this deposit of ${amount} into ${where} on ${day} from another of your accounts?`
      : `What happened to the ${amount} that left ${where} on ${day}? We found no matching deposit in your other accounts.`,
    asset: moved?.asset ?? w.asset,
    amount: moved?.amount ?? null,
    account: w.account,
    at: w.at,
    choices: deposit ? DEPOSIT_CHOICES : WITHDRAWAL_CHOICES,
    answered,
  };
}
