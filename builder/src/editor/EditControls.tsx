import { Button, Space, Tooltip } from 'antd';
import { HistoryIcon, RedoIcon, SettingsIcon, UndoIcon } from '../panels/icons.tsx';

interface Props {
  canUndo: boolean;
  canRedo: boolean;
  dirty: boolean;
  saving: boolean;
  /** The picked variables, time range or refresh differ from the document's defaults. */
  viewDiffersFromDefaults: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onHistory: () => void;
  onSettings: () => void;
  onSaveDefaults: () => void;
  onSave: () => void;
}

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** Undo, redo, history, settings and save: the edit-mode part of the toolbar. */
export function EditControls(props: Props) {
  return (
    <Space size={4} wrap>
      <Space.Compact>
        <Tooltip title={`Undo (${mod}Z)`}>
          <Button
            size="small"
            icon={<UndoIcon />}
            aria-label="Undo"
            data-testid="undo-button"
            disabled={!props.canUndo}
            onClick={props.onUndo}
          />
        </Tooltip>
        <Tooltip title={`Redo (${mod}Shift+Z)`}>
          <Button
            size="small"
            icon={<RedoIcon />}
            aria-label="Redo"
            data-testid="redo-button"
            disabled={!props.canRedo}
            onClick={props.onRedo}
          />
        </Tooltip>
      </Space.Compact>
      <Tooltip title="Version history">
        <Button
          size="small"
          icon={<HistoryIcon />}
          aria-label="Version history"
          data-testid="history-button"
          onClick={props.onHistory}
        />
      </Tooltip>
      <Tooltip title="Dashboard settings and variables">
        <Button
          size="small"
          icon={<SettingsIcon />}
          aria-label="Dashboard settings"
          data-testid="settings-button"
          onClick={props.onSettings}
        />
      </Tooltip>
      {props.viewDiffersFromDefaults && (
        <Tooltip title="Open the dashboard with the variables, time range and refresh picked now">
          <Button size="small" data-testid="save-defaults-button" onClick={props.onSaveDefaults}>
            Use current as defaults
          </Button>
        </Tooltip>
      )}
      <Tooltip title={props.dirty ? `Save (${mod}S)` : 'No unsaved changes'}>
        <Button
          size="small"
          type="primary"
          data-testid="save-button"
          loading={props.saving}
          disabled={!props.dirty}
          onClick={props.onSave}
        >
          {props.dirty ? 'Save' : 'Saved'}
        </Button>
      </Tooltip>
    </Space>
  );
}
