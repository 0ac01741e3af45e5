import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { ClientQuestion } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { ClientQuestionsComponent } from './client-questions.component';

const question: ClientQuestion = {
  key: 'q1',
  warningId: 'unmatched-deposit:d1',
  kind: 'unmatched-deposit',
  question: 'Was this deposit of 1 ETH into Ledger on 2024-03-04 from another of your accounts?',
  asset: 'ETH',
  amount: '1',
  account: 'Ledger',
  at: '2024-03-04T00:00:00Z',
  choices: [
    { value: 'own-account', label: 'Yes, from another of my accounts', needs: 'account' },
    { value: 'income', label: 'No, it was income', needs: 'incomeKind' },
    { value: 'gift-received', label: 'No, it was a gift', needs: null },
  ],
  answered: null,
};

describe('ClientQuestionsComponent', () => {
  let ctrl: HttpTestingController;
  let fixture: ComponentFixture<ClientQuestionsComponent>;
  let el: HTMLElement;

  async function settle(): Promise<void> {
    await Promise.resolve();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ClientQuestionsComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppAbility(), provideNoopAnimations(), provideRouter([])],
    });
    ctrl = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClientQuestionsComponent);
    fixture.componentRef.setInput('clientId', 'c1');
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
    ctrl.expectOne('/api/clients/c1/questions').flush({ items: [question] });
    await settle();
  });

  afterEach(() => ctrl.verify());

  function send(): HTMLButtonElement {
    return [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Send answer') as HTMLButtonElement;
  }

  it('asks in plain words; "from another account" needs the account name before it is sent', async () => {
    expect(el.querySelector('[data-testid=client-question]')?.textContent).toContain('Was this deposit of 1 ETH into Ledger on 2024-03-04 from another of your accounts?');
    expect(send().disabled).toBe(true);
    (el.querySelector('input[type=radio][value=own-account]') as HTMLInputElement).click();
    await settle();
    expect(send().disabled).toBe(false);
    send().click();
    await settle();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Tell us which of your accounts it was.');
    ctrl.expectNone('/api/clients/c1/questions/q1/answer');

    const account = [...el.querySelectorAll('input')].find((i) => i.type !== 'radio') as HTMLInputElement;
    account.value = 'Coinbase';
    account.dispatchEvent(new Event('input'));
    await settle();
    send().click();
    const req = ctrl.expectOne({ method: 'POST', url: '/api/clients/c1/questions/q1/answer' });
    expect(req.request.body).toEqual({ choice: 'own-account', account: 'Coinbase' });
    req.flush({ items: [{ ...question, answered: { choice: 'own-account', at: '2026-01-01T00:00:00Z', resolutionId: 'r1' } }] });
    await settle();
    expect(el.querySelector('[data-testid=client-question]')?.textContent).toContain('Yes, from another of my accounts. Thank you.');
    expect(el.querySelector('input[type=radio]')).toBeNull();
  });
});
