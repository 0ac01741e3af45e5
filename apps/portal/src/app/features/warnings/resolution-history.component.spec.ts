import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { ResolutionView } from '@lotline/contracts';
import { of } from 'rxjs';
import { provideAppAbility } from '../../core/ability';
import { ResolutionHistoryComponent } from './resolution-history.component';

function record(patch: Partial<ResolutionView>): ResolutionView {
  return {
    id: 'r1',
    clientId: 'c1',
    action: 'accept-zero-basis',
    payload: {},
    warningIds: ['missing-basis:e1'],
    reason: 'Airdrop with no cost',
    evidenceNote: 'Client email of 2025-02-01',
    createdBy: { id: 'p', displayName: 'Pat Preparer' },
    createdAt: '2026-01-01T00:00:00Z',
    byClient: false,
    batchId: null,
    undoneBy: null,
    undoneAt: null,
    ...patch,
  };
}

describe('ResolutionHistoryComponent', () => {
  it('lists who did what and why, undoes an active record after confirmation, and offers no undo for undone ones', async () => {
    const confirm = jest.fn(() => ({ afterClosed: () => of(true) }));
    TestBed.configureTestingModule({
      imports: [ResolutionHistoryComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), { provide: MatDialog, useValue: { open: confirm } }],
    });
    const ctrl = TestBed.inject(HttpTestingController);
    const fixture: ComponentFixture<ResolutionHistoryComponent> = TestBed.createComponent(ResolutionHistoryComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    const undone = jest.fn();
    fixture.componentInstance.undone.subscribe(undone);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const active = record({});
    const old = record({ id: 'r0', action: 'enter-price', reason: 'Entered a price', evidenceNote: null, undoneBy: 'u0', undoneAt: '2026-01-01T00:00:00Z' });
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [active, old], total: 2, page: 1, pageSize: 20 });
    await Promise.resolve();
    fixture.detectChanges();

    const rows = [...el.querySelectorAll('[data-testid=resolution-row]')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));
    expect(rows[0].slice(1)).toEqual(['Pat Preparer', 'Accepted $0 basis', 'Airdrop with no cost Evidence: Client email of 2025-02-01', 'Undo']);
    expect(rows[1][4]).toContain('Undone');
    expect(el.querySelectorAll('button[aria-label^=Undo]')).toHaveLength(1);

    (el.querySelector('button[aria-label="Undo Accepted $0 basis"]') as HTMLButtonElement).click();
    const post = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/r1/undo' });
    expect(post.request.body).toEqual({ reason: 'Undo of Accepted $0 basis' });
    const undo = record({ id: 'r2', action: 'undo', reason: 'Undo of Accepted $0 basis' });
    post.flush(undo);
    expect(undone).toHaveBeenCalledWith(undo);
    await Promise.resolve();
    fixture.detectChanges();
    ctrl.expectOne((r) => r.url === '/api/clients/c1/resolutions').flush({ items: [undo, { ...active, undoneBy: 'r2', undoneAt: '2026-01-02T00:00:00Z' }, old], total: 3, page: 1, pageSize: 20 });
    await Promise.resolve();
    fixture.detectChanges();
    expect(el.querySelectorAll('button[aria-label^=Undo]')).toHaveLength(0); // an undo record is undone by recording the original again
    ctrl.verify();
  });
});
