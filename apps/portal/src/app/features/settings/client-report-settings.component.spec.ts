import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ClientDetail, FirmSettings } from '@lotline/contracts';
import { ClientReportSettingsComponent } from './client-report-settings.component';

const firm: FirmSettings = { id: 'f', name: 'F', defaultMethod: 'fifo', reportPriceUsd: '149.00', payer: 'client', invitationExpiryDays: 14, requireTwoFactorForStaff: false, reportRounding: 'cents', storeTaxpayerIds: true };
const client: ClientDetail = {
  id: 'c1',
  displayName: 'Casey',
  email: null,
  hasLogin: false,
  status: 'in_progress',
  preparers: [],
  lastActivityAt: null,
  openWarnings: 0,
  timeZone: 'America/New_York',
  defaultMethod: null,
  reportPriceOverrideUsd: null,
  incomeSchedule: 'schedule1',
  taxpayerIdMasked: null,
  consent: { given: false, version: null, at: null, revokedAt: null },
};

describe('ClientReportSettingsComponent', () => {
  let ctrl: HttpTestingController;

  async function render(f: FirmSettings = firm) {
    TestBed.configureTestingModule({ imports: [ClientReportSettingsComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ClientReportSettingsComponent);
    fixture.componentRef.setInput('client', client);
    fixture.detectChanges();
    ctrl.expectOne('/api/firm').flush(f);
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => ctrl.verify());

  it('changes the income schedule', async () => {
    const { fixture } = await render();
    fixture.debugElement.query(By.css('[data-testid=income-schedule]')).triggerEventHandler('selectionChange', { value: 'scheduleC' });
    const req = ctrl.expectOne('/api/clients/c1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ incomeSchedule: 'scheduleC' });
    req.flush({ ...client, incomeSchedule: 'scheduleC' });
  });

  it('stores a taxpayer id, then shows only its last 4 digits and offers to remove it', async () => {
    const { fixture, el } = await render();
    expect(el.querySelector('[data-testid=taxpayer-id-status]')?.textContent).toContain('None stored');
    const input = el.querySelector('[data-testid=taxpayer-id-input]') as HTMLInputElement;
    input.value = '123-45-6789';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const req = ctrl.expectOne('/api/clients/c1/taxpayer-id');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ taxpayerId: '123-45-6789' });
    req.flush({ ...client, taxpayerIdMasked: '•••-••-6789' });
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=taxpayer-id-status]')?.textContent).toContain('Stored: •••-••-6789');
    expect(el.textContent).not.toContain('123-45');
    (el.querySelector('[data-testid=taxpayer-id-remove]') as HTMLButtonElement).click();
    const del = ctrl.expectOne('/api/clients/c1/taxpayer-id');
    expect(del.request.method).toBe('DELETE');
    del.flush(client);
  });

  it('offers no taxpayer id entry while the firm does not store them', async () => {
    const { el } = await render({ ...firm, storeTaxpayerIds: false });
    expect(el.querySelector('[data-testid=taxpayer-id-input]')).toBeNull();
    expect(el.querySelector('[data-testid=taxpayer-id-status]')?.textContent).toContain('does not store taxpayer ids');
  });

  it('explains a 409 from "Fetch missing prices" (no price exchange configured)', async () => {
    const { fixture, el } = await render();
    (el.querySelector('[data-testid=fetch-prices]') as HTMLButtonElement).click();
    ctrl.expectOne('/api/clients/c1/prices/fetch').flush(
      { code: 'CONFLICT', message: 'Price fetching is off on this server (LOTLINE_PRICE_EXCHANGE is not set).', correlationId: 'c' },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    const note = el.querySelector('[data-testid=fetch-prices-note]')?.textContent ?? '';
    expect(note).toContain('Price fetching is off on this server');
    expect(note).toContain('Settings → Price table');
  });
});
