import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideAppAbility } from '../../core/ability';
import { AddAccountDialog } from './add-account.dialog';

describe('AddAccountDialog', () => {
  let ctrl: HttpTestingController;
  const close = jest.fn();

  async function render() {
    TestBed.configureTestingModule({
      imports: [AddAccountDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppAbility(),
        provideNoopAnimations(),
        { provide: MAT_DIALOG_DATA, useValue: { clientId: 'c1' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AddAccountDialog);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const name = el.querySelector('input[formcontrolname=name]') as HTMLInputElement;
    name.value = '  Kraken  ';
    name.dispatchEvent(new Event('input'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    return { fixture, el };
  }

  afterEach(() => {
    ctrl.verify();
    close.mockReset();
  });

  it('creates the account with a trimmed name and closes with it', async () => {
    await render();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/accounts' });
    expect(req.request.body).toEqual({ name: 'Kraken', kind: 'exchange' });
    const account = { id: 'a1', clientId: 'c1', name: 'Kraken', kind: 'exchange', exchange: null, eventCount: 0, createdAt: '2026-01-01T00:00:00Z' };
    req.flush(account);
    expect(close).toHaveBeenCalledWith(account);
  });

  it('stays open and says why when the name is taken (409)', async () => {
    const { fixture, el } = await render();
    ctrl
      .expectOne('/api/clients/c1/accounts')
      .flush({ code: 'CONFLICT', message: 'This client already has an account named "Kraken".', correlationId: 'x' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('already has an account named "Kraken"');
    expect(close).not.toHaveBeenCalled();
  });
});
