import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { Account, ConnectExchangeRequest, ExchangeConnectionView, ExchangeId } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { ExchangesService } from '../../data/exchanges.service';
import { EXCHANGE_CHOICES, exchangeChoice, needsPassphrase } from './exchange-labels';

export interface ConnectExchangeData {
  readonly clientId: string;
  /** The client's accounts; exchange accounts without a connection can be chosen. */
  readonly accounts: readonly Account[];
  readonly connectedAccountIds: readonly string[];
}

/** One word; spaces around a pasted key are dropped. */
const NO_SPACES = /^\s*\S+\s*$/;
/** One word, or a whole PEM private key block (Coinbase). */
const SECRET = /^\s*(\S+|-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----)\s*$/;

/**
 * Connects an exchange account with a read-only API key. The API checks the keys with the exchange first; its refusal
 * is shown here and the dialog stays open. The secret and passphrase are cleared as soon as the request completes,
 * whatever the answer; the whole form is reset on success and when the dialog goes away.
 */
@Component({
  selector: 'll-connect-exchange-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Connect an exchange</h2>
    <mat-dialog-content>
      <p class="note" data-testid="key-note">
        Create an API key with <strong>read-only</strong> permissions ({{ choice().label }}: {{ choice().permissions }}; never
        trading or withdrawals). Lotline checks the key with the exchange, stores it encrypted, and never shows it again.
      </p>
      <form id="connect-exchange-form" [formGroup]="form" (ngSubmit)="save()" class="form" autocomplete="off">
        <mat-form-field>
          <mat-label>Exchange</mat-label>
          <mat-select formControlName="exchange">
            @for (e of exchanges; track e.id) { <mat-option [value]="e.id">{{ e.label }}</mat-option> }
          </mat-select>
        </mat-form-field>
        @if (existing.length) {
          <mat-radio-group formControlName="target" aria-label="Account" class="target">
            <mat-radio-button value="new">New account</mat-radio-button>
            <mat-radio-button value="existing">Existing account</mat-radio-button>
          </mat-radio-group>
        }
        @if (target() === 'existing') {
          <mat-form-field>
            <mat-label>Account</mat-label>
            <mat-select formControlName="accountId">
              @for (a of existing; track a.id) { <mat-option [value]="a.id">{{ a.name }}</mat-option> }
            </mat-select>
            @if (form.controls.accountId.hasError('required')) { <mat-error>Choose the account.</mat-error> }
          </mat-form-field>
        } @else {
          <mat-form-field>
            <mat-label>Account name</mat-label>
            <input matInput formControlName="accountName" maxlength="200" placeholder="e.g. Kraken" />
            @if (form.controls.accountName.hasError('required')) { <mat-error>Give the account a name.</mat-error> }
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>{{ choice().keyLabel }}</mat-label>
          <input matInput formControlName="apiKey" autocomplete="off" spellcheck="false" maxlength="500" />
          @if (choice().keyHelp; as help) { <mat-hint data-testid="key-help">{{ help }}</mat-hint> }
          @if (form.controls.apiKey.invalid) { <mat-error>Paste the {{ choice().keyLabel }} (no spaces).</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ choice().secretLabel }}</mat-label>
          @if (choice().pemSecret) {
            <textarea matInput formControlName="secret" autocomplete="off" spellcheck="false" maxlength="2000" rows="5" class="pem"
              placeholder="-----BEGIN EC PRIVATE KEY-----"></textarea>
            <mat-hint>The whole private key, from -----BEGIN to -----END, as in the key file.</mat-hint>
            @if (form.controls.secret.invalid) { <mat-error>Paste the whole private key block.</mat-error> }
          } @else {
            <input matInput type="password" formControlName="secret" autocomplete="new-password" spellcheck="false" maxlength="2000" />
            @if (form.controls.secret.invalid) { <mat-error>Paste the {{ choice().secretLabel }} (no spaces).</mat-error> }
          }
        </mat-form-field>
        @if (passphrase()) {
          <mat-form-field>
            <mat-label>Passphrase</mat-label>
            <input matInput type="password" formControlName="passphrase" autocomplete="new-password" maxlength="500" />
            @if (form.controls.passphrase.hasError('required')) { <mat-error>This exchange needs the key's passphrase.</mat-error> }
          </mat-form-field>
        }
      </form>
      @if (busy()) { <p aria-live="polite">Checking the key with the exchange…</p> }
      @if (error(); as e) { <p role="alert" class="error">{{ e }}</p> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="connect-exchange-form" [disabled]="busy()">Connect</button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; gap: 4px; min-width: min(440px, 80vw); }
    .target { display: flex; gap: 16px; margin-bottom: 12px; }
    .note { color: var(--mat-sys-on-surface-variant); }
    .error { color: var(--mat-sys-error); }
    .pem { font-family: monospace; font-size: 12px; }
  `,
})
export class ConnectExchangeDialog {
  private readonly exchangesApi = inject(ExchangesService);
  private readonly data = inject<ConnectExchangeData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConnectExchangeDialog, ExchangeConnectionView>>(MatDialogRef);
  protected readonly exchanges = EXCHANGE_CHOICES;
  protected readonly existing = this.data.accounts.filter((a) => a.kind === 'exchange' && !this.data.connectedAccountIds.includes(a.id));
  protected readonly form = inject(NonNullableFormBuilder).group({
    exchange: [EXCHANGE_CHOICES[0].id as ExchangeId, Validators.required],
    target: ['new' as 'new' | 'existing'],
    accountName: ['', [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)]],
    // With a single account to choose from, it is chosen.
    accountId: [{ value: this.existing.length === 1 ? this.existing[0].id : '', disabled: true }, Validators.required],
    apiKey: ['', [Validators.required, Validators.minLength(4), Validators.maxLength(500), Validators.pattern(NO_SPACES)]],
    secret: ['', [Validators.required, Validators.minLength(4), Validators.maxLength(2000), Validators.pattern(SECRET)]],
    passphrase: [{ value: '', disabled: true }, [Validators.required, Validators.maxLength(500)]],
  });
  protected readonly target = toSignal(this.form.controls.target.valueChanges, { initialValue: this.form.controls.target.value });
  private readonly exchange = toSignal(this.form.controls.exchange.valueChanges, { initialValue: this.form.controls.exchange.value });
  protected readonly passphrase = computed(() => needsPassphrase(this.exchange()));
  protected readonly choice = computed(() => exchangeChoice(this.exchange()) ?? EXCHANGE_CHOICES[0]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    const c = this.form.controls;
    c.target.valueChanges.subscribe((t) => {
      if (t === 'existing') {
        c.accountId.enable();
        c.accountName.disable();
      } else {
        c.accountName.enable();
        c.accountId.disable();
      }
    });
    c.exchange.valueChanges.subscribe((id) => (needsPassphrase(id) ? c.passphrase.enable() : c.passphrase.disable()));
    if (needsPassphrase(c.exchange.value)) c.passphrase.enable();
    // Cancelled or closed: nothing typed outlives the dialog.
    inject(DestroyRef).onDestroy(() => this.form.reset());
  }

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    const body: ConnectExchangeRequest = {
      exchange: v.exchange,
      ...(v.target === 'existing' ? { accountId: v.accountId } : { accountName: v.accountName.trim() }),
      apiKey: v.apiKey.trim(),
      secret: v.secret.trim(),
      ...(needsPassphrase(v.exchange) ? { passphrase: v.passphrase } : {}),
    };
    this.busy.set(true);
    this.error.set(null);
    this.exchangesApi.connect(this.data.clientId, body).subscribe({
      next: (connection) => {
        this.form.reset();
        this.ref.close(connection);
      },
      error: (e: unknown) => {
        // The keys are typed again after a refusal: the secret does not stay in the form.
        this.form.controls.secret.reset();
        this.form.controls.passphrase.reset();
        this.busy.set(false);
        this.error.set(describeError(e));
      },
    });
  }
}
