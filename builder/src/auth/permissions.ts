import type { Role } from '../api/types.ts';

/** Admins and editors change dashboards; viewers only look. The server enforces the same rule. */
export function canEditDashboards(role: Role): boolean {
  return role === 'admin' || role === 'editor';
}
