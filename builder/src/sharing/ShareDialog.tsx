import type { TimeRange } from '@nautilus/sdk';
import { Modal, Tabs } from 'antd';
import type { VariableValues } from '../data/variable-values.ts';
import { ShareLinksTab } from './ShareLinksTab.tsx';
import { SharePeopleTab } from './SharePeopleTab.tsx';

/** Sharing a dashboard: read-only links for people without an account, and grants for users and roles. */
export default function ShareDialog({
  dashboardId,
  title,
  values,
  timeRange,
  onClose,
}: {
  dashboardId: string;
  title: string;
  values: VariableValues;
  timeRange: TimeRange;
  onClose: () => void;
}) {
  return (
    <Modal open title={`Share “${title}”`} footer={null} onCancel={onClose} width={720} destroyOnHidden>
      <div data-testid="share-dialog">
        <Tabs
          items={[
            {
              key: 'link',
              label: 'Link',
              children: <ShareLinksTab dashboardId={dashboardId} values={values} timeRange={timeRange} />,
            },
            {
              key: 'people',
              label: 'People and roles',
              children: <SharePeopleTab object={{ objectType: 'dashboard', objectId: dashboardId }} />,
            },
          ]}
        />
      </div>
    </Modal>
  );
}
