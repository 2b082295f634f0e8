/** Props of {@link LoadingStatus}. */
export interface LoadingStatusProps {
  /** What is loading, read out by screen readers and shown beside the spinner. */
  readonly label: string;
}

/**
 * A spinner with its text, centred in its box. Plain markup and CSS rather than antd's Spin: it is
 * on the first screen, which must not pull antd into the start-up bundle (issue 3, first paint).
 */
export function LoadingStatus({ label }: LoadingStatusProps) {
  return (
    <div className="atlas-center" role="status">
      <span className="atlas-spinner" aria-hidden />
      <span>{label}</span>
    </div>
  );
}
