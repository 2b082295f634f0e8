import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
  readonly children: ReactNode;
}

interface InnerProps extends ErrorBoundaryProps {
  readonly t: TFunction;
}

interface State {
  readonly error: Error | null;
}

/** Catches unexpected render errors, logs them and offers a reload; stored data is untouched. */
class ErrorBoundaryInner extends Component<InnerProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[renderer] unexpected error', error, info.componentStack);
  }

  override render() {
    const { t } = this.props;
    if (!this.state.error) return this.props.children;
    // Plain markup, not antd's Result: the boundary sits above the antd-free first screen.
    return (
      <div className="atlas-error" role="alert">
        <h2 className="atlas-error-title">{t('app.unexpectedError')}</h2>
        <p>{t('app.unexpectedErrorHint')}</p>
        <pre className="atlas-error-detail">{this.state.error.message}</pre>
        <button type="button" className="atlas-error-reload" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      </div>
    );
  }
}

/** The app's error boundary, translated (React has error boundaries only as classes). */
export function ErrorBoundary({ children }: ErrorBoundaryProps) {
  const { t } = useTranslation();
  return <ErrorBoundaryInner t={t}>{children}</ErrorBoundaryInner>;
}
