import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { RecordPaymentDialog, type RecordPaymentData } from './record-payment.dialog';

const data: RecordPaymentData = { clientId: 'c1', clientName: 'Alice', taxYear: 2024, priceUsd: '49.00' };

describe('RecordPaymentDialog', () => {
  let ctrl: HttpTestingController;
  const close = jest.fn();

  function render() {
    close.mockReset();
    TestBed.configureTestingModule({
      imports: [RecordPaymentDialog],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }],
    });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RecordPaymentDialog);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const submit = () => {
      (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    const note = (text: string) => {
      const area = el.querySelector('textarea') as HTMLTextAreaElement;
      area.value = text;
      area.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    return { fixture, el, submit, note };
  }

  afterEach(() => ctrl.verify());

  it('requires a note and sends nothing without one', () => {
    const { el, submit, note } = render();
    expect(el.textContent).toContain('The 2024 report of Alice ($49.00)');
    submit();
    note('   ');
    submit();
    expect(el.textContent).toContain('A note is required.');
    ctrl.expectNone('/api/clients/c1/billing/payments');
  });

  it('records a comped payment with the trimmed note and closes with the answer', () => {
    const { submit, note } = render();
    note('  Pro bono  ');
    submit();
    const req = ctrl.expectOne('/api/clients/c1/billing/payments');
    expect(req.request.body).toEqual({ taxYear: 2024, method: 'comped', note: 'Pro bono' });
    const answer = { clientId: 'c1', taxYear: 2024 };
    req.flush(answer);
    expect(close).toHaveBeenCalledWith(answer);
  });

  it('shows the API refusal in the dialog and stays open', () => {
    const { el, submit, note, fixture } = render();
    note('Invoice 17');
    submit();
    ctrl.expectOne('/api/clients/c1/billing/payments').flush({ code: 'CONFLICT', message: 'The 2024 report is already paid (2026-03-02).', correlationId: 'x' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('The 2024 report is already paid (2026-03-02).');
    expect(close).not.toHaveBeenCalled();
  });
});
