import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CLIENT_STATUSES, type ClientStatus } from '@lotline/contracts';
import { STATUS_LABELS } from '../../shared/labels';

/** Clients per status as horizontal bars; the numbers are text, so screen readers get the same information. */
@Component({
  selector: 'll-status-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart">
      <figcaption>Clients by status, tax year {{ taxYear() }} ({{ total() }} in all)</figcaption>
      <ul>
        @for (bar of bars(); track bar.status) {
          <li [attr.data-status]="bar.status">
            <span class="label">{{ bar.label }}</span>
            <span class="track" aria-hidden="true"><span class="bar" [class]="bar.status" [style.width.%]="bar.percent"></span></span>
            <span class="count">{{ bar.count }}</span>
          </li>
        }
      </ul>
    </figure>
  `,
  styles: `
    .chart { margin: 0 0 16px; }
    figcaption { font-weight: 500; margin-bottom: 8px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    li { display: grid; grid-template-columns: 140px 1fr 48px; align-items: center; gap: 8px; font-size: 14px; }
    .track { background: #eef1f6; height: 14px; border-radius: 3px; overflow: hidden; }
    .bar { display: block; height: 100%; background: #3f6fd8; min-width: 0; }
    .bar.invited { background: #9aa5b8; }
    .bar.client_submitted, .bar.ready { background: #2e8b57; }
    .bar.in_review { background: #d08a16; }
    .bar.paid, .bar.report_generated { background: #5b3fd8; }
    .count { text-align: right; font-variant-numeric: tabular-nums; }
  `,
})
export class StatusChartComponent {
  readonly counts = input.required<Readonly<Record<ClientStatus, number>>>();
  readonly taxYear = input.required<number>();
  protected readonly total = computed(() => CLIENT_STATUSES.reduce((sum, s) => sum + (this.counts()[s] ?? 0), 0));
  protected readonly bars = computed(() => {
    const counts = this.counts();
    const max = Math.max(1, ...CLIENT_STATUSES.map((s) => counts[s] ?? 0));
    return CLIENT_STATUSES.map((status) => {
      const count = counts[status] ?? 0;
      return { status, label: STATUS_LABELS[status], count, percent: (count / max) * 100 };
    });
  });
}
