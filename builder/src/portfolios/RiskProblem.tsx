import { Alert, Button } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { riskNextStep } from '../risk/risk-problems.ts';

/** A failed risk calculation: the server's message, what to do next, and a retry. */
export function RiskProblem({ error, onRetry, testId }: { error: unknown; onRetry: () => void; testId?: string }) {
  const problem = describeApiError(error);
  const next = riskNextStep(problem);
  const expected = problem.code === 'INSUFFICIENT_DATA' || problem.code === 'VALIDATION' || problem.code === 'NOT_FOUND';
  return (
    <Alert
      data-testid={testId}
      data-code={problem.code}
      type={expected ? 'warning' : 'error'}
      showIcon
      title={problem.message}
      description={next}
      action={
        <Button size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    />
  );
}
