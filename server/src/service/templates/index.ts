import type { FormatId } from '../types';
import { format2019 } from './format2019';
import { format2021 } from './format2021';
import type { TemplateDef } from './types';

export const templates: Record<FormatId, TemplateDef> = { '2019': format2019, '2021': format2021 };
export const formatIds: FormatId[] = ['2019', '2021'];

/** The format a report of this year must follow, or null for years before the 2019 format. */
export function formatForYear(year: number): FormatId | null {
  for (const id of formatIds) {
    const { from, to } = templates[id].years;
    if (year >= from && (to === null || year <= to)) return id;
  }
  return null;
}

export type * from './types';
