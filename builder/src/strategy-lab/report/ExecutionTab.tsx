import { Alert, Empty, Typography } from 'antd';
import { describeApiError } from '../../api/api-error.ts';
import { ExecutionTable } from '../ExecutionTable.tsx';
import { useBacktestExecution } from './report-api.ts';

/**
 * A finished run's execution quality (the report's "Execution" tab): the deployment view's table
 * over analytics.backtestExecution, so a backtest and its paper deployment read the same way.
 *
 * A tab of its own rather than a section of the Tear sheet: the tear sheet answers "was the strategy
 * good?" (returns, risk, drawdowns), while this answers "what did trading it cost?" — a trader looks
 * for it next to the Orders and Fills it is computed from, and compares it with the deployment's
 * table, which has no tear sheet around it. It is also read only when opened, not with every report.
 */
export function ExecutionTab({ runId }: { runId: string }) {
  const quality = useBacktestExecution(runId, true);
  if (quality.error) {
    return (
      <Alert
        type="warning"
        showIcon
        title={`The execution figures could not be loaded: ${describeApiError(quality.error).message}`}
      />
    );
  }
  return (
    <ExecutionTable
      data={quality.data}
      loading={quality.isPending}
      testId="backtest-execution"
      empty={
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Typography.Text type="secondary" data-testid="backtest-execution-empty">
              This run placed no orders, so there is no execution to measure. A run that trades shows its shortfall, slippage and
              fill ratio here.
            </Typography.Text>
          }
        />
      }
    />
  );
}
