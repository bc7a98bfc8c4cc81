import type { DashboardVariable, Panel } from '@nautilus/sdk';
import { Alert, Button, Input, Select, Tooltip } from 'antd';
import { type Dispatch, useMemo, useState } from 'react';
import type { DataSourceInfo, WidgetInfo } from '../api/types.ts';
import type { InstrumentOption } from '../data/variable-values.ts';
import { CloseIcon } from '../panels/icons.tsx';
import { SchemaForm } from '../schema-form/SchemaForm.tsx';
import { schemaFields, withDefaults } from '../schema-form/schema-fields.ts';
import type { EditorAction } from './editor-state.ts';
import { IndicatorTransforms } from './IndicatorTransforms.tsx';
import { compatibleDataSources, paramsForDataSource, preferredDataSource } from './new-panel.ts';

interface Props {
  panel: Panel;
  widget: WidgetInfo | undefined;
  dataSources: readonly DataSourceInfo[];
  variables: readonly DashboardVariable[];
  instruments: readonly InstrumentOption[];
  dispatch: Dispatch<EditorAction>;
  onClose: () => void;
}

/**
 * The selected panel's title, query and options, as forms generated from the schemas. Every change is undoable.
 * It can be collapsed to its header row, giving the canvas the room back while the panel stays selected.
 */
export function Inspector({ panel, widget, dataSources, variables, instruments, dispatch, onClose }: Props) {
  const update = (changes: Extract<EditorAction, { type: 'updatePanel' }>['changes'], coalesceKey?: string) =>
    dispatch({ type: 'updatePanel', id: panel.id, changes, coalesceKey, at: Date.now() });
  const variableNames = useMemo(() => variables.map((variable) => variable.name), [variables]);
  const [collapsed, setCollapsed] = useState(false);

  const accepts = widget?.accepts ?? [];
  const sources = useMemo(
    () => compatibleDataSources(accepts, [...dataSources], preferredDataSource(panel.type)),
    [accepts, dataSources, panel.type],
  );
  const query = panel.query;
  const source = dataSources.find((item) => item.ref === query?.dataSource);
  const paramFields = useMemo(() => schemaFields(source?.querySchema), [source]);
  const optionFields = useMemo(() => schemaFields(widget?.optionsSchema), [widget]);
  const options = useMemo(() => withDefaults(widget?.optionsSchema, panel.options), [widget, panel.options]);

  const sourceOptions = sources.map((item) => ({
    value: item.ref,
    label: (
      <span className="nautilus-instrument" data-name={item.ref}>
        {item.name}
      </span>
    ),
  }));
  if (query && !source) sourceOptions.unshift({ value: query.dataSource, label: <span>{query.dataSource}</span> });

  return (
    <section
      className={`nautilus-inspector${collapsed ? ' is-collapsed' : ''}`}
      data-testid="inspector"
      data-collapsed={collapsed}
      aria-label={`Panel ${panel.title}`}
    >
      <div className="nautilus-inspector-header">
        <strong>Edit panel</strong>
        <span className="nautilus-muted">
          {widget?.name ?? panel.type} · {panel.id}
        </span>
        <span style={{ flex: 1 }} />
        <Tooltip title={collapsed ? 'Show the panel’s settings' : 'Collapse (more room for the canvas)'}>
          <Button
            size="small"
            type="text"
            icon={collapsed ? <ExpandIcon /> : <CollapseIcon />}
            aria-label={collapsed ? 'Expand the inspector' : 'Collapse the inspector'}
            aria-expanded={!collapsed}
            data-testid="inspector-collapse"
            onClick={() => setCollapsed(!collapsed)}
          />
        </Tooltip>
        <Tooltip title="Close (the panel stays as it is)">
          <Button
            size="small"
            type="text"
            icon={<CloseIcon />}
            aria-label="Close the inspector"
            data-testid="inspector-close"
            onClick={onClose}
          />
        </Tooltip>
      </div>
      <div className="nautilus-inspector-body" hidden={collapsed}>
        <div className="nautilus-inspector-section">
          <h5>Panel</h5>
          <div className="nautilus-field">
            <label htmlFor="inspector-title">Title</label>
            <Input
              id="inspector-title"
              data-testid="inspector-title"
              size="small"
              maxLength={200}
              value={panel.title}
              onChange={(event) => update({ title: event.target.value }, 'title')}
            />
          </div>
          {widget?.description && (
            <p className="nautilus-muted" style={{ fontSize: 12, marginTop: 8 }}>
              {widget.description}
            </p>
          )}
          {!widget && <Alert type="warning" showIcon title={`Widget ${panel.type} is not installed`} style={{ marginTop: 8 }} />}
        </div>
        <div className="nautilus-inspector-section">
          <h5>Query</h5>
          {accepts.length === 0 && !query ? (
            <p className="nautilus-muted" style={{ fontSize: 12 }}>
              This widget takes no data.
            </p>
          ) : (
            <>
              <div className="nautilus-field" style={{ marginBottom: 8 }}>
                <label htmlFor="query-datasource">Data source</label>
                <Select<string>
                  id="query-datasource"
                  data-testid="query-datasource"
                  size="small"
                  placeholder="Choose a data source"
                  popupMatchSelectWidth={false}
                  value={query?.dataSource}
                  options={sourceOptions}
                  onChange={(ref) => {
                    const next = dataSources.find((item) => item.ref === ref);
                    const params = next ? paramsForDataSource(next.querySchema, query?.params ?? {}, variables) : {};
                    update({ query: { dataSource: ref, params } });
                  }}
                />
              </div>
              {sources.length === 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={`No installed data source returns ${accepts.join(' or ')} frames`}
                  description="Ask an admin to install a data source plugin that does."
                />
              )}
              {query && source && (
                <SchemaForm
                  fields={paramFields}
                  values={query.params}
                  testIdPrefix="query-param-"
                  instruments={instruments}
                  variables={variableNames}
                  onChange={(name, value) => {
                    const params = { ...query.params, [name]: value };
                    if (value === undefined) delete params[name];
                    update({ query: { ...query, params } }, `param:${name}`);
                  }}
                />
              )}
            </>
          )}
        </div>
        {accepts.includes('ohlcv') && (
          <IndicatorTransforms
            transforms={panel.transforms}
            onChange={(transforms, coalesceKey) => update({ transforms }, coalesceKey)}
          />
        )}
        <div className="nautilus-inspector-section">
          <h5>Options</h5>
          {optionFields.length === 0 ? (
            <p className="nautilus-muted" style={{ fontSize: 12 }}>
              This widget has no options.
            </p>
          ) : (
            <SchemaForm
              fields={optionFields}
              values={options}
              testIdPrefix="option-"
              instruments={instruments}
              variables={variableNames}
              onChange={(name, value) => {
                const next = { ...panel.options, [name]: value };
                if (value === undefined) delete next[name];
                update({ options: next }, `option:${name}`);
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}

// Chevrons for collapse (down: fold away) and expand (up: unfold), in the panel icons' 16 px line style.
function CollapseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M3.5 6l4.5 4.5L12.5 6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function ExpandIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M3.5 10l4.5-4.5L12.5 10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
