import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { INCOME_KINDS, type AnswerQuestionRequest, type ClientQuestion, type IncomeKindName, type QuestionChoice } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { ReconciliationService } from '../../data/reconciliation.service';
import { defaultTaxYear } from '../../shared/labels';
import { current } from '../../shared/resource';
import { INCOME_KIND_LABELS } from './warning-labels';

interface Draft {
  readonly choice: QuestionChoice | '';
  readonly account: string;
  readonly incomeKind: IncomeKindName;
  readonly note: string;
}

const EMPTY: Draft = { choice: '', account: '', incomeKind: 'staking', note: '' };

/** The client's plain-language questions about their own data (e.g. "Was this deposit from another of your accounts?"). */
@Component({
  selector: 'll-client-questions',
  imports: [DatePipe, FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="questions-title">
      <h2 id="questions-title">Questions from your firm</h2>
      <p><a [routerLink]="['/workspace', 'preview', year]">See your {{ year }} tax preview</a></p>
      @if (items(); as list) {
        @for (q of list; track q.key) {
          <div class="question" data-testid="client-question">
            <p><strong>{{ q.question }}</strong></p>
            @if (q.answered; as a) {
              <p class="sub">Answered {{ a.at | date: 'medium' }}: {{ choiceLabel(q, a.choice) }}. Thank you.</p>
            } @else {
              <mat-radio-group [ngModel]="draft(q).choice" (ngModelChange)="edit(q, { choice: $event })" [attr.aria-label]="q.question" class="choices">
                @for (c of q.choices; track c.value) { <mat-radio-button [value]="c.value">{{ c.label }}</mat-radio-button> }
              </mat-radio-group>
              @switch (needs(q)) {
                @case ('account') {
                  <mat-form-field>
                    <mat-label>Which of your accounts?</mat-label>
                    <input matInput [ngModel]="draft(q).account" (ngModelChange)="edit(q, { account: $event })" maxlength="200" />
                  </mat-form-field>
                }
                @case ('incomeKind') {
                  <mat-form-field>
                    <mat-label>What kind of income?</mat-label>
                    <mat-select [ngModel]="draft(q).incomeKind" (ngModelChange)="edit(q, { incomeKind: $event })">
                      @for (k of incomeKinds; track k) { <mat-option [value]="k">{{ incomeLabels[k] }}</mat-option> }
                    </mat-select>
                  </mat-form-field>
                }
              }
              <mat-form-field class="wide">
                <mat-label>Anything to add? (optional)</mat-label>
                <input matInput [ngModel]="draft(q).note" (ngModelChange)="edit(q, { note: $event })" maxlength="2000" />
              </mat-form-field>
              <button mat-flat-button type="button" (click)="answer(q)" [disabled]="!draft(q).choice || busy() === q.key">Send answer</button>
              @if (errors()[q.key]; as e) { <p role="alert" class="error">{{ e }}</p> }
            }
          </div>
        } @empty {
          <p>No questions for you right now.</p>
        }
      } @else if (questions.error()) {
        <p role="alert">Your questions could not be loaded.</p>
      } @else {
        <p>Loading…</p>
      }
    </section>
  `,
  styles: `
    .question { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 16px; margin-bottom: 12px; }
    .choices { display: flex; flex-direction: column; gap: 4px; margin-bottom: 8px; }
    .sub { color: var(--mat-sys-on-surface-variant); }
    .wide { min-width: 320px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class ClientQuestionsComponent {
  private readonly recon = inject(ReconciliationService);
  private readonly notifications = inject(NotificationsService);
  readonly clientId = input.required<string>();
  protected readonly year = defaultTaxYear();
  protected readonly incomeKinds = INCOME_KINDS;
  protected readonly incomeLabels = INCOME_KIND_LABELS;
  protected readonly questions = rxResource({ params: () => this.clientId(), stream: ({ params }) => this.recon.questions(params) });
  private readonly value = current(this.questions);
  protected readonly items = computed(() => this.value()?.items);
  private readonly drafts = signal<Readonly<Record<string, Draft>>>({});
  protected readonly errors = signal<Readonly<Record<string, string>>>({});
  protected readonly busy = signal<string | null>(null);

  protected draft(q: ClientQuestion): Draft {
    return this.drafts()[q.key] ?? EMPTY;
  }

  protected edit(q: ClientQuestion, patch: Partial<Draft>): void {
    this.drafts.update((all) => ({ ...all, [q.key]: { ...this.draft(q), ...patch } }));
  }

  protected needs(q: ClientQuestion): 'account' | 'incomeKind' | null {
    return q.choices.find((c) => c.value === this.draft(q).choice)?.needs ?? null;
  }

  protected choiceLabel(q: ClientQuestion, choice: QuestionChoice): string {
    return q.choices.find((c) => c.value === choice)?.label ?? choice;
  }

  protected answer(q: ClientQuestion): void {
    const d = this.draft(q);
    if (!d.choice) return;
    const needs = this.needs(q);
    if (needs === 'account' && !d.account.trim()) return this.setError(q, 'Tell us which of your accounts it was.');
    const body: AnswerQuestionRequest = {
      choice: d.choice,
      ...(needs === 'account' ? { account: d.account.trim() } : {}),
      ...(needs === 'incomeKind' ? { incomeKind: d.incomeKind } : {}),
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    };
    this.busy.set(q.key);
    this.setError(q, null);
    this.recon.answer(this.clientId(), q.key, body).subscribe({
      next: (r) => {
        this.busy.set(null);
        this.questions.set(r);
        this.notifications.info('Thank you. Your firm has your answer.');
      },
      error: (e: unknown) => {
        this.busy.set(null);
        this.setError(q, describeError(e));
      },
    });
  }

  private setError(q: ClientQuestion, message: string | null): void {
    this.errors.update((all) => Object.fromEntries([...Object.entries(all).filter(([k]) => k !== q.key), ...(message ? [[q.key, message]] : [])]));
  }
}
