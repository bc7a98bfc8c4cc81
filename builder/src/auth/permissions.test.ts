import { describe, expect, it } from 'vitest';
import { canEditDashboards } from './permissions.ts';

describe('canEditDashboards', () => {
  it('lets admins and editors change dashboards but not viewers', () => {
    expect(canEditDashboards('admin')).toBe(true);
    expect(canEditDashboards('editor')).toBe(true);
    expect(canEditDashboards('viewer')).toBe(false);
  });
});
