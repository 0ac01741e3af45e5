import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ClientListResponse, Role } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { defaultTaxYear } from '../../shared/labels';
import { ClientsPage } from './clients.page';

const counts = { invited: 1, in_progress: 2, client_submitted: 0, in_review: 0, ready: 0, paid: 0, report_generated: 0 };

function listResponse(page = 1): ClientListResponse {
  return {
    items: [
      { id: 'c1', displayName: '<img src=x onerror=alert(1)>', email: 'a@x.test', hasLogin: true, status: 'in_progress', preparers: [{ id: 'p1', displayName: 'Pat Preparer' }], lastActivityAt: null, openWarnings: 0 },
      { id: 'c2', displayName: "Robert'); DROP TABLE clients;--", email: null, hasLogin: false, status: 'invited', preparers: [], lastActivityAt: null, openWarnings: 3 },
    ],
    total: 60,
    page,
    pageSize: 25,
    taxYear: defaultTaxYear(),
    statusCounts: counts,
  };
}

describe('ClientsPage', () => {
  let ctrl: HttpTestingController;

  function setUp(role: Role) {
    TestBed.configureTestingModule({
      imports: [ClientsPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()],
    });
    ctrl = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService).apply({
      kind: 'session',
      accessToken: 't',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u', email: 'u@x.test', displayName: 'U', role, firmId: 'f', firmName: 'F', clientId: null, twoFactorEnabled: false },
    });
  }

  afterEach(() => ctrl.verify());

  async function render() {
    const fixture = TestBed.createComponent(ClientsPage);
    fixture.detectChanges();
    ctrl.expectOne('/api/team').flush([{ id: 'p1', email: 'p@x.test', displayName: 'Pat Preparer', role: 'preparer', twoFactorEnabled: false, active: true, assignedClientCount: 1 }]);
    const list = ctrl.expectOne((r) => r.url === '/api/clients');
    expect(list.request.params.get('taxYear')).toBe(String(defaultTaxYear()));
    expect(list.request.params.get('sort')).toBe('name');
    expect(list.request.params.get('page')).toBe('1');
    expect(list.request.params.get('pageSize')).toBe('25');
    expect(list.request.params.has('search')).toBe(false);
    list.flush(listResponse());
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('lists clients with status, preparers and warnings, and renders names as text', async () => {
    setUp('preparer');
    const { el } = await render();
    const rows = [...el.querySelectorAll('tr.mat-mdc-row')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('<img src=x onerror=alert(1)>');
    expect(el.querySelector('tr.mat-mdc-row img')).toBeNull();
    expect(rows[0].textContent).toContain('In progress');
    expect(rows[0].textContent).toContain('Pat Preparer');
    expect(rows[1].textContent).toContain('Unassigned');
    expect(rows[1].textContent).toContain('No login');
    expect(rows[1].querySelector('.num')?.textContent?.trim()).toBe('3');
  });

  it('draws the status summary from the server counts', async () => {
    setUp('preparer');
    const { el } = await render();
    expect(el.querySelector('figcaption')?.textContent).toContain('(3 in all)');
    expect(el.querySelector('li[data-status=in_progress]')?.textContent).toContain('2');
    expect((el.querySelector('li[data-status=in_progress] .bar') as HTMLElement).style.width).toBe('100%');
    expect((el.querySelector('li[data-status=invited] .bar') as HTMLElement).style.width).toBe('50%');
  });

  it('asks the server for the next page', async () => {
    setUp('firm_admin');
    const { fixture, el } = await render();
    (el.querySelector('button.mat-mdc-paginator-navigation-next') as HTMLButtonElement).click();
    fixture.detectChanges();
    const next = ctrl.expectOne((r) => r.url === '/api/clients');
    expect(next.request.params.get('page')).toBe('2');
    next.flush(listResponse(2));
  });

  it('filters by status on the server, from page 1', async () => {
    setUp('firm_admin');
    const { fixture } = await render();
    (fixture.componentInstance as unknown as { status: { set(v: string): void } }).status.set('invited');
    fixture.detectChanges();
    const req = ctrl.expectOne((r) => r.url === '/api/clients');
    expect(req.request.params.get('status')).toBe('invited');
    expect(req.request.params.get('page')).toBe('1');
    req.flush(listResponse());
  });

  it('offers inviting and adding clients to staff', async () => {
    setUp('preparer');
    const { el } = await render();
    const buttons = [...el.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(expect.arrayContaining(['Invite client', 'Add client without login']));
  });
});
