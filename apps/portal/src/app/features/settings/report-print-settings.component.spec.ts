import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { FirmSettings } from '@lotline/contracts';
import { of } from 'rxjs';
import { ReportPrintSettingsComponent } from './report-print-settings.component';

const firm: FirmSettings = { id: 'f', name: 'F', defaultMethod: 'fifo', reportPriceUsd: '149.00', payer: 'client', invitationExpiryDays: 14, requireTwoFactorForStaff: false, reportRounding: 'cents', storeTaxpayerIds: true };

describe('ReportPrintSettingsComponent', () => {
  let ctrl: HttpTestingController;
  const open = jest.fn();

  async function render() {
    TestBed.configureTestingModule({ imports: [ReportPrintSettingsComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), { provide: MatDialog, useValue: { open } }] });
    ctrl = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReportPrintSettingsComponent);
    fixture.detectChanges();
    ctrl.expectOne('/api/firm').flush(firm);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  afterEach(() => {
    ctrl.verify();
    open.mockReset();
  });

  it('saves whole-dollar rounding as the only change', async () => {
    const fixture = await render();
    expect(fixture.nativeElement.textContent).toContain('Dollars and cents');
    fixture.debugElement.query(By.css('[data-testid=report-rounding]')).triggerEventHandler('selectionChange', { value: 'dollars' });
    const req = ctrl.expectOne('/api/firm');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ reportRounding: 'dollars' });
    req.flush({ ...firm, reportRounding: 'dollars' });
  });

  it('asks before turning taxpayer id storage off (it erases every stored id); cancelling changes nothing', async () => {
    const fixture = await render();
    const toggle = fixture.debugElement.query(By.css('[data-testid=store-taxpayer-ids]'));
    const source = { checked: false };
    open.mockReturnValueOnce({ afterClosed: () => of(false) });
    toggle.triggerEventHandler('change', { checked: false, source });
    expect(open.mock.calls[0][1].data.message).toMatch(/erased/);
    expect(source.checked).toBe(true);
    ctrl.expectNone('/api/firm');

    open.mockReturnValueOnce({ afterClosed: () => of(true) });
    toggle.triggerEventHandler('change', { checked: false, source: { checked: false } });
    const req = ctrl.expectOne('/api/firm');
    expect(req.request.body).toEqual({ storeTaxpayerIds: false });
    req.flush({ ...firm, storeTaxpayerIds: false });
  });

  it('turns storage on without asking', async () => {
    TestBed.resetTestingModule();
    const fixture = await render();
    fixture.debugElement.query(By.css('[data-testid=store-taxpayer-ids]')).triggerEventHandler('change', { checked: true, source: { checked: true } });
    expect(open).not.toHaveBeenCalled();
    expect(ctrl.expectOne('/api/firm').request.body).toEqual({ storeTaxpayerIds: true });
  });
});
