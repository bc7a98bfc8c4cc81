import type { SVGProps } from 'react';

// A handful of 16 px line icons, inline so the app needs no icon package.
function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

export const EditIcon = () => <Icon d="M10.5 2.5l3 3L6 13H3v-3z M9 4l3 3" />;
export const CopyIcon = () => <Icon d="M5.5 5.5h8v8h-8z M10.5 5.5v-3h-8v8h3" />;
export const DeleteIcon = () => <Icon d="M2.5 4h11 M6 4V2.5h4V4 M4 4l.7 9.5h6.6L12 4 M6.5 6.5v4.5 M9.5 6.5v4.5" />;
export const UndoIcon = () => <Icon d="M5.5 3L2.5 6l3 3 M2.5 6h7a4 4 0 010 8H7" />;
export const RedoIcon = () => <Icon d="M10.5 3l3 3-3 3 M13.5 6h-7a4 4 0 000 8H9" />;
export const HistoryIcon = () => <Icon d="M2.5 8a5.5 5.5 0 101.6-3.9 M2.5 2.5v2.5H5 M8 5v3.5l2.5 1.5" />;
export const SettingsIcon = () => (
  <Icon d="M8 5.5a2.5 2.5 0 110 5 2.5 2.5 0 010-5z M8 1.5v2 M8 12.5v2 M1.5 8h2 M12.5 8h2 M3.4 3.4l1.4 1.4 M11.2 11.2l1.4 1.4 M3.4 12.6l1.4-1.4 M11.2 4.8l1.4-1.4" />
);
export const CloseIcon = () => <Icon d="M3.5 3.5l9 9 M12.5 3.5l-9 9" />;
export const GripIcon = () => <Icon d="M6 3.5h.01 M10 3.5h.01 M6 8h.01 M10 8h.01 M6 12.5h.01 M10 12.5h.01" strokeWidth="2.5" />;
export const BellIcon = () => <Icon d="M4 11.5V7a4 4 0 018 0v4.5l1 1H3z M6.5 13.5a1.5 1.5 0 003 0" />;
