import { barPercent } from './dashboardView';

/** One bar. */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly color?: string;
}

/** Props of {@link BarList}. */
export interface BarListProps {
  readonly bars: readonly Bar[];
  /** Accessible name of the list. */
  readonly label: string;
  readonly testId?: string;
}

/**
 * Horizontal bars for comparing a handful of counts (CSS widths, no chart library). Each row
 * carries its number as text, so the chart reads the same to a screen reader and in a screenshot.
 */
export function BarList({ bars, label, testId }: BarListProps) {
  const max = bars.reduce((m, bar) => Math.max(m, bar.value), 0);
  return (
    <ul className="atlas-bars" aria-label={label} data-testid={testId}>
      {bars.map((bar) => (
        <li key={bar.key} className="atlas-bar-row" data-key={bar.key}>
          <span className="atlas-bar-label">{bar.label}</span>
          <span className="atlas-bar-track" aria-hidden>
            <span
              className="atlas-bar-fill"
              style={{ width: `${barPercent(bar.value, max)}%`, background: bar.color ?? '#1677ff' }}
            />
          </span>
          <span className="atlas-bar-value">{bar.value.toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}
