// Everything only edit mode needs, loaded on the first switch to Edit so viewers never download it.
export { EditControls } from './EditControls.tsx';
export { HistoryDrawer } from './HistoryDrawer.tsx';
export { Inspector } from './Inspector.tsx';
export { Palette } from './Palette.tsx';
export { SaveConflictDialog } from './SaveConflictDialog.tsx';
export { SaveProblemDialog } from './SaveProblemDialog.tsx';
export { SettingsDialog } from './SettingsDialog.tsx';
