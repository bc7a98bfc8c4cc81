import { Result, Segmented } from 'antd';
import type { ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { navigate } from '../routing/navigation.ts';

const PAGES = [
  { value: 'users', label: 'Users' },
  { value: 'api-keys', label: 'API keys' },
  { value: 'audit', label: 'Audit log' },
] as const;

type AdminRoute = (typeof PAGES)[number]['value'];

/** The admin pages' switcher; non-admins get an explanation instead of the page. */
export function AdminFrame({ user, current, children }: { user: User; current: AdminRoute; children: ReactNode }) {
  if (user.role !== 'admin') {
    return <Result status="403" title="Admins only" subTitle="Ask an admin if you need a user, an API key or the audit log." />;
  }
  return (
    <>
      <Segmented
        data-testid="admin-nav"
        value={current}
        options={[...PAGES]}
        onChange={(value) => navigate({ name: value as AdminRoute })}
        style={{ marginBottom: 16 }}
      />
      {children}
    </>
  );
}
