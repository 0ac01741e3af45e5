import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ClientDetail, Role } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { ClientProfilePage } from './client-profile.page';

const detail: ClientDetail = {
  id: 'c1',
  displayName: 'Direct Dan',
  email: null,
  hasLogin: false,
  status: 'in_progress',
  preparers: [{ id: 'p1', displayName: 'Pat' }],
  lastActivityAt: null,
  openWarnings: 0,
  timeZone: 'America/New_York',
  defaultMethod: null,
  reportPriceOverrideUsd: '19.99',
  incomeSchedule: 'schedule1',
  taxpayerIdMasked: null,
  consent: { given: false, version: null, at: null, revokedAt: null },
};

describe('ClientProfilePage', () => {
  let ctrl: HttpTestingController;

  function render(role: Role, userId = 'u') {
    TestBed.configureTestingModule({
      imports: [ClientProfilePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()],
    });
    ctrl = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService).apply({
      kind: 'session',
      accessToken: 't',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
      user: { id: userId, email: 'u@x.test', displayName: 'U', role, firmId: 'f', firmName: 'F', clientId: null, twoFactorEnabled: false },
    });
    const fixture = TestBed.createComponent(ClientProfilePage);
    fixture.componentRef.setInput('id', 'c1');
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => ctrl.verify());

  /** The accounts-and-imports area of a visible client asks for its accounts, exchange connections and history. */
  async function flushImports(fixture: { detectChanges(): void }): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
    ctrl.expectOne('/api/clients/c1/accounts').flush([]);
    ctrl.expectOne('/api/clients/c1/imports').flush([]);
    ctrl.expectOne('/api/clients/c1/exchange-connections').flush([]);
    // The reconciliation block: recompute status, the client's open warnings, the resolution history, applied matches.
    ctrl.expectOne('/api/clients/c1/recompute').flush({ clientId: 'c1', state: 'never', lastComputedAt: null, lastError: null, inputsHash: null, eventCount: null, engineVersion: null, openWarnings: 0, openBlocking: 0 });
    ctrl.expectOne((r) => r.url === '/api/clients/c1/warnings').flush({ items: [], total: 0, page: 1, pageSize: 50, countsByKind: {}, openBlocking: 0 });
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    ctrl.expectOne((r) => r.url === '/api/clients/c1/matches').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    // The report payment block (issue 7).
    ctrl.expectOne((r) => r.url === '/api/clients/c1/billing').flush({ clientId: 'c1', taxYear: 2025, priceUsd: '19.99', priceSource: 'client', payer: 'client', entitlement: { paid: false, reason: 'Not paid yet.', paymentId: null }, canCheckout: false, checkoutUnavailableReason: null, payments: [] });
    // The final reports block (issue 7): the year's versions and the gate.
    ctrl.expectOne((r) => /^\/api\/clients\/c1\/tax-years\/\d{4}\/reports$/.test(r.url)).flush([]);
    ctrl.expectOne((r) => /^\/api\/clients\/c1\/tax-years\/\d{4}\/reports\/gate$/.test(r.url)).flush({ taxYear: 2025, canGenerate: false, paid: false, openBlockingWarnings: 0, generationRunning: false, reasons: [{ code: 'not_paid', message: 'Not paid.' }] });
    // The report settings block (staff): whether the firm stores taxpayer ids.
    ctrl.expectOne('/api/firm').flush({ id: 'f', name: 'F', defaultMethod: 'fifo', reportPriceUsd: '149.00', payer: 'client', invitationExpiryDays: 14, requireTwoFactorForStaff: false, reportRounding: 'cents', storeTaxpayerIds: false });
  }

  function buttons(el: HTMLElement): string[] {
    return [...el.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');
  }

  it('says "not found" for another firm\'s or an unassigned client (the API answers 404)', async () => {
    const { fixture, el } = render('preparer', 'p2');
    ctrl.expectOne('/api/clients/c1').flush({ code: 'NOT_FOUND', message: 'Not found.', correlationId: 'c' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toBe('Client not found');
  });

  it('gives an assigned preparer settings and "invite a login", but not assignment or the price', async () => {
    const { fixture, el } = render('preparer', 'p1');
    ctrl.expectOne('/api/clients/c1').flush(detail);
    await flushImports(fixture);
    await fixture.whenStable();
    expect(buttons(el)).toEqual(expect.arrayContaining(['Invite a login for this client', 'Save settings', 'Add account', 'Upload']));
    expect(buttons(el)).not.toContain('Save assignment');
    expect(el.textContent).not.toContain('Report price override');
  });

  it('gives a firm admin assignment and the price override (kept as the decimal string)', async () => {
    const { fixture, el } = render('firm_admin');
    ctrl.expectOne('/api/team').flush([]);
    ctrl.expectOne('/api/clients/c1').flush(detail);
    await flushImports(fixture);
    await fixture.whenStable();
    expect(buttons(el)).toEqual(expect.arrayContaining(['Save assignment', 'Save settings']));
    expect((el.querySelector('input[formcontrolname=price]') as HTMLInputElement).value).toBe('19.99');
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const req = ctrl.expectOne({ method: 'PATCH', url: '/api/clients/c1' });
    expect(req.request.body).toEqual({ displayName: 'Direct Dan', email: null, timeZone: 'America/New_York', defaultMethod: null, reportPriceOverrideUsd: '19.99' });
    req.flush(detail);
  });
});
