/** Time cells of data files (CSV uploads, data.gov resources), shared by core and plugins. */

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i;

/**
 * A time cell as epoch ms: ISO dates and date-times (UTC when no offset is given), `YYYY-MM` (the
 * month's first day) and `YYYY` (1 January). Undefined for anything else, a day the month does not
 * have (2023-02-29) included.
 */
export function parseTimeCell(cell: string): number | undefined {
  const match = DATE_TIME.exec(cell.trim());
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', fraction = '', offset = 'Z'] = match;
  const [y, mo, d, h, mi, sec] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || sec > 59) {
    return undefined;
  }
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(time) ? undefined : time;
}
