import { DASH } from './number-format.ts';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Epoch ms as UTC `2024-03-01 14:30`, or `2024-03-01` for daily data; charts show UTC too. */
export function formatUtcTime(epochMs: number, dateOnly = false): string {
  if (!Number.isFinite(epochMs)) return DASH;
  const date = new Date(epochMs);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return dateOnly ? day : `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}
