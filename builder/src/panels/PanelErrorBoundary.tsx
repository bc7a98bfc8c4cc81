import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  panelId: string;
  panelType: string;
  /** Any change (a new version of the panel) gives the panel another chance. */
  resetKey: unknown;
  onError: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Catches a render error in one panel, shows it there, and leaves the other panels alone. */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Panel ${this.props.panelId} failed to render`, error, info.componentStack);
    this.props.onError();
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { panelId, panelType } = this.props;
    return (
      <div className="nautilus-panel" title={panelType}>
        <div className="nautilus-panel-error" role="alert" data-testid={`panel-error-${panelId}`}>
          <strong>This panel failed to render.</strong>
          <span>{error.message}</span>
        </div>
      </div>
    );
  }
}
