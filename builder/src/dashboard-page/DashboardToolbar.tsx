import { type DashboardVariable, REFRESH_INTERVALS, type RefreshInterval, type TimeRange } from '@nautilus/sdk';
import { Button, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { InstrumentOption, VariableValues } from '../data/variable-values.ts';
import { routeHash } from '../routing/route.ts';
import { TimeRangeSelect } from './TimeRangeSelect.tsx';
import { VariablePicker } from './VariablePicker.tsx';

const refreshOptions = REFRESH_INTERVALS.map((value) => ({ value, label: value === 'off' ? 'Off' : value }));

export interface DashboardToolbarProps {
  title: string;
  dirty: boolean;
  variables: readonly DashboardVariable[];
  values: VariableValues;
  instruments: readonly InstrumentOption[];
  onVariableChange: (name: string, value: string) => void;
  timeRange: TimeRange;
  onTimeRangeChange: (range: TimeRange) => void;
  refresh: RefreshInterval;
  onRefreshChange: (refresh: RefreshInterval) => void;
  onRefreshNow: () => void;
  /** Opens the Share dialog; absent for those without admin on the dashboard. */
  onShare?: () => void;
  /** Downloads the dashboard as a template file; absent where there is nothing to export. */
  onExportTemplate?: () => void;
  /** Absent for viewers: they get no mode toggle and no edit controls. */
  onToggleMode?: () => void;
  editing: boolean;
  /** The edit-mode buttons (undo, redo, history, settings, save), rendered by the editor. */
  editControls?: ReactNode;
}

/** Title, variable pickers, time range, auto-refresh and the mode toggle, in one compact row. */
export function DashboardToolbar(props: DashboardToolbarProps) {
  const { title, dirty, variables, values, instruments, editing } = props;
  return (
    <div className="nautilus-toolbar">
      <div className="nautilus-toolbar-title">
        <a href={routeHash({ name: 'list' })} aria-label="All dashboards" title="All dashboards">
          ←
        </a>
        <Typography.Title level={4} data-testid="dashboard-title" title={title}>
          {title}
        </Typography.Title>
        {dirty && (
          <Tooltip title="Changes not saved yet (Ctrl+S saves)">
            <Tag color="orange" data-testid="unsaved-indicator" style={{ marginInlineEnd: 0 }}>
              Unsaved
            </Tag>
          </Tooltip>
        )}
      </div>
      {variables.length > 0 && (
        <div className="nautilus-toolbar-group">
          {variables.map((variable) => (
            <VariablePicker
              key={variable.name}
              variable={variable}
              value={values[variable.name] ?? variable.default}
              instruments={instruments}
              onChange={props.onVariableChange}
            />
          ))}
        </div>
      )}
      <span className="nautilus-toolbar-spacer" />
      <Space size={6} wrap>
        <TimeRangeSelect value={props.timeRange} onChange={props.onTimeRangeChange} />
        <Space.Compact>
          <Tooltip title="Refresh now">
            <Button size="small" aria-label="Refresh now" onClick={props.onRefreshNow}>
              ↻
            </Button>
          </Tooltip>
          <Select<RefreshInterval>
            data-testid="refresh-select"
            aria-label="Auto-refresh"
            size="small"
            style={{ width: 72 }}
            value={props.refresh}
            options={refreshOptions}
            onChange={props.onRefreshChange}
          />
        </Space.Compact>
        {editing && props.editControls}
        {props.onExportTemplate && (
          <Button size="small" data-testid="export-template-button" onClick={props.onExportTemplate}>
            Export template
          </Button>
        )}
        {props.onShare && (
          <Button size="small" data-testid="share-button" onClick={props.onShare}>
            Share
          </Button>
        )}
        {props.onToggleMode && (
          <Button
            size="small"
            type={editing ? 'default' : 'primary'}
            ghost={!editing}
            data-testid="mode-toggle"
            aria-pressed={editing}
            onClick={props.onToggleMode}
          >
            {editing ? 'View' : 'Edit'}
          </Button>
        )}
      </Space>
    </div>
  );
}
