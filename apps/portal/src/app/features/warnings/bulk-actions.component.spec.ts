import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideAppAbility } from '../../core/ability';
import { BulkActionsComponent } from './bulk-actions.component';

describe('BulkActionsComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<BulkActionsComponent>;
  let el: HTMLElement;
  const resolved = jest.fn();

  beforeEach(() => {
    resolved.mockReset();
    TestBed.configureTestingModule({ imports: [BulkActionsComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations()] });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BulkActionsComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.componentInstance.resolved.subscribe(resolved);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => ctrl.verify());

  async function type(label: string, value: string): Promise<void> {
    const input = [...el.querySelectorAll('mat-form-field')].find((f) => f.textContent?.includes(label))?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function click(name: string): void {
    ([...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  it('accepts suggested matches from a confidence typed in percent, sent as a 0..1 score', async () => {
    await type('Minimum confidence', '75');
    click('Accept suggested matches');
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/accept-suggestions' });
    expect(req.request.body).toEqual({ minConfidence: 0.75, reason: 'Accepted suggested matches at 75% confidence or more' });
    req.flush({ batchId: 'b1', created: 3, resolutions: [] });
    expect(resolved).toHaveBeenCalledWith({ batchId: 'b1', created: 3, resolutions: [] });
  });

  it('marks dust below a USD amount kept as a decimal string; refuses a bad amount without calling the API', async () => {
    await type('Dust below', '1,5');
    click('Mark dust as immaterial');
    ctrl.expectNone('/api/clients/c1/resolutions/mark-dust');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('positive USD amount');
    await type('Dust below', '0.50');
    click('Mark dust as immaterial');
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/resolutions/mark-dust' });
    expect(req.request.body).toEqual({ maxUsd: '0.5', reason: 'Immaterial (dust)' });
    req.flush({ batchId: 'b2', created: 0, resolutions: [] });
    expect(resolved).not.toHaveBeenCalled(); // nothing recorded: nothing to recompute
  });
});
