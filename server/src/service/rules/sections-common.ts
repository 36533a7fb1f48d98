// Reading the sections of a report the way the section rules need them.
import type { Report, Section } from '../model';

/** The first heading of each section, in document order; later repeats are duplicates. */
export function firstHeadings(report: Report): Section[] {
  const seen = new Set<number>();
  const first: Section[] = [];
  for (const section of report.sections) {
    if (seen.has(section.def.index)) continue;
    seen.add(section.def.index);
    first.push(section);
  }
  return first;
}

/** Section rules apply to reports in one of the two formats only. */
export function checksSections(report: Report): boolean {
  return report.isReport && !report.legacy;
}
