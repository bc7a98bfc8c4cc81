import type { DashboardVariable, TimeRange } from '@nautilus/sdk';
import { Alert } from 'antd';
import { describeUrlProblem, type UrlViewProblem } from './url-view-state.ts';

interface Props {
  problems: readonly UrlViewProblem[];
  variables: readonly DashboardVariable[];
  defaults: TimeRange;
  onClose: () => void;
}

/** Says which URL parameters were not used, what each should have been and what shows instead; dismissable. */
export function UrlViewNotice({ problems, variables, defaults, onClose }: Props) {
  if (problems.length === 0) return null;
  return (
    <Alert
      banner
      type="warning"
      closable={{ onClose, 'aria-label': 'Dismiss' }}
      data-testid="url-view-notice"
      title={`This link's ${problems.length === 1 ? 'parameter' : 'parameters'} could not be used`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.map((problem) => (
            <li key={problem.param} style={{ overflowWrap: 'anywhere' }}>
              {describeUrlProblem(problem, variables, defaults)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
