import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ReportGateView, ReportVersionView } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { REPORT_POLL_MS, fileNameOf } from '../../data/reports.service';
import { ReportVersionsComponent } from './report-versions.component';

const BASE = '/api/clients/c1/tax-years/2025/reports';

function version(patch: Partial<ReportVersionView> = {}): ReportVersionView {
  return {
    id: 'v1',
    clientId: 'c1',
    taxYear: 2025,
    version: 1,
    status: 'succeeded',
    inputsHash: 'f'.repeat(64),
    engineVersion: '0.1.0',
    method: 'fifo',
    settings: {},
    createdBy: { id: 'u1', displayName: 'Pat Preparer' },
    createdAt: '2026-03-02T15:00:00Z',
    finishedAt: '2026-03-02T15:00:05Z',
    supersededAt: null,
    supersededByVersion: null,
    error: null,
    files: [{ id: 'f1', kind: 'form8949_pdf', fileName: 'form-8949-2025.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64), sizeBytes: 1000 }],
    ...patch,
  };
}

const closed: ReportGateView = {
  taxYear: 2025,
  canGenerate: false,
  paid: false,
  openBlockingWarnings: 2,
  generationRunning: false,
  reasons: [
    { code: 'not_paid', message: 'The 2025 report is not paid yet.' },
    { code: 'blocking_warnings', message: '2 blocking warning(s) are open; resolve them before generating.' },
  ],
};
const open: ReportGateView = { ...closed, canGenerate: true, paid: true, openBlockingWarnings: 0, reasons: [] };

describe('ReportVersionsComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<ReportVersionsComponent>;
  let el: HTMLElement;

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  async function render(staff: boolean, list: ReportVersionView[], gate?: ReportGateView): Promise<void> {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [ReportVersionsComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReportVersionsComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.componentRef.setInput('staff', staff);
    fixture.componentRef.setInput('initialYear', 2025);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    await settle();
    ctrl.expectOne(BASE).flush(list);
    if (gate) ctrl.expectOne(`${BASE}/gate`).flush(gate);
    await settle();
  }

  const generateButton = () => el.querySelector<HTMLButtonElement>('[data-testid=generate-report]');
  const versions = () => [...el.querySelectorAll('[data-testid=report-version]')].map((v) => v.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim());

  afterEach(() => {
    ctrl.verify();
    jest.useRealTimers();
  });

  it('shows staff every reason the gate is closed and keeps Generate disabled', async () => {
    await render(true, [], closed);
    expect(el.querySelector('[data-testid=report-gate]')?.textContent).toContain('not paid');
    expect(el.querySelector('[data-testid=report-gate]')?.textContent).toContain('2 blocking warning(s)');
    expect(generateButton()?.disabled).toBe(true);
    expect(el.textContent).toContain('No report generated for this year yet.');
  });

  it('generates, shows the refusal reasons the API gives, and follows a queued version until it is ready', async () => {
    await render(true, [version({ status: 'succeeded' })], open);
    expect(generateButton()?.disabled).toBe(false);
    generateButton()?.click();
    await settle();
    ctrl.expectOne({ method: 'POST', url: BASE }).flush(
      { code: 'CONFLICT', message: 'x', details: [{ field: 'not_paid', message: 'The payment was refunded.' }], correlationId: 'c' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    ctrl.expectOne(`${BASE}/gate`).flush(open);
    await settle();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('The payment was refunded.');

    generateButton()?.click();
    await settle();
    const queued = version({ id: 'v2', version: 2, status: 'queued', files: [], finishedAt: null });
    ctrl.expectOne({ method: 'POST', url: BASE }).flush(queued, { status: 202, statusText: 'Accepted' });
    await settle();
    ctrl.expectOne(BASE).flush([queued, version()]);
    ctrl.expectOne(`${BASE}/gate`).flush({ ...open, canGenerate: false, generationRunning: true, reasons: [{ code: 'generation_running', message: 'Already running.' }] });
    await settle();
    expect(versions()[0]).toBe('Version 2 · Queued');

    jest.advanceTimersByTime(REPORT_POLL_MS);
    await settle();
    ctrl.expectOne(BASE).flush([version({ id: 'v2', version: 2 }), version({ supersededAt: '2026-03-02T16:00:00Z', supersededByVersion: 2 })]);
    ctrl.expectOne(`${BASE}/gate`).flush(open);
    await settle();
    expect(versions()).toEqual(['Version 2 · Ready', 'Version 1 · Ready · superseded by version 2']);
    jest.advanceTimersByTime(REPORT_POLL_MS * 3);
    ctrl.expectNone(BASE);
  });

  it('shows the client only finished sets, with downloads, and no gate or Generate', async () => {
    await render(false, [version({ id: 'v3', version: 3, status: 'failed', error: 'boom', files: [] }), version()]);
    expect(versions()).toEqual(['Version 1 · Ready']);
    expect(generateButton()).toBeNull();
    expect(el.querySelector('[data-testid=download-zip]')).not.toBeNull();
    expect(el.querySelector('[data-kind=form8949_pdf]')?.textContent?.trim()).toBe('Form 8949 (PDF)');
    expect(el.textContent).not.toContain('boom');
  });

  it('takes the download name from Content-Disposition', () => {
    expect(fileNameOf(`attachment; filename="a.pdf"; filename*=UTF-8''form%208949.pdf`, 'x')).toBe('form 8949.pdf');
    expect(fileNameOf('attachment; filename="a.pdf"', 'x')).toBe('a.pdf');
    expect(fileNameOf(null, 'x.zip')).toBe('x.zip');
  });
});
