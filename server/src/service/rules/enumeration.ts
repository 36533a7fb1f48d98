import type { ProseMarker } from '../model';
import { defineRule, type Finding } from './rule';
import { checksText } from './text-common';

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function numeral(value: number): string {
  if (value <= 10) return NUMERALS[value];
  if (value < 20) return `十${NUMERALS[value - 10]}`;
  return `${NUMERALS[Math.floor(value / 10)]}十${NUMERALS[value % 10]}`;
}

function written(kind: ProseMarker['kind'], value: number, en: boolean): string {
  const marker = kind === 'shi' ? `${numeral(value)}是` : `（${numeral(value)}）`;
  return en ? `"${marker}"` : `“${marker}”`;
}

function problem(marker: ProseMarker, previous: ProseMarker, en: boolean): string {
  const { kind, value } = marker;
  const last = previous.value;
  const self = written(kind, value, en);
  const before = written(kind, last, en);
  if (value > last + 1) {
    const missing: string[] = [];
    for (let n = last + 1; n < value && missing.length < 5; n++) missing.push(written(kind, n, en));
    return en
      ? `Numbering: ${self} follows ${before}; ${missing.join(' ')} ${missing.length > 1 ? 'are' : 'is'} missing`
      : `${self}之前缺少${missing.join('')}（上一个序号是${before}）`;
  }
  if (value === last) {
    return en
      ? `Numbering: ${self} is repeated; it should be ${written(kind, last + 1, en)}`
      : `序号${self}重复，应为${written(kind, last + 1, false)}`;
  }
  return en ? `Numbering: ${self} comes after ${before}; it goes backwards` : `${self}出现在${before}之后，序号倒退`;
}

/** A broken sequence in 一是/二是/三是 or （一）（二）（三）. */
export default defineRule({
  id: 'enumeration',
  category: 'text',
  defaultSeverity: 'info',
  title: '列举序号不连续',
  titleEn: 'Broken enumeration sequence',
  fixable: false,
  check(report, en) {
    if (!checksText(report)) return [];
    const findings: Finding[] = [];
    let section: unknown = undefined;
    // The last marker of the current list of each kind; a list starts at 一是 / （一）.
    let shi: ProseMarker | null = null;
    let paren: ProseMarker | null = null;
    // The marker each current list started with.
    let shiFirst: ProseMarker | null = null;
    let parenFirst: ProseMarker | null = null;
    // Lists already reported: one finding per list, since after one slip every later marker is off too.
    const reported = new Set<ProseMarker>();
    const step = (marker: ProseMarker, previous: ProseMarker | null, first: ProseMarker | null): void => {
      // A list begins at 1; a first marker other than 1 may continue text before the section (or a
      // list the reader cannot see), so it only sets where the list stands.
      if (marker.value === 1 || previous === null || marker.value === previous.value + 1) return;
      if (first === null || reported.has(first)) return;
      reported.add(first);
      findings.push({
        span: marker.span,
        message: problem(marker, previous, en),
        related: [{ span: previous.span, message: en ? 'The marker before' : '上一个序号' }],
      });
    };
    for (const paragraph of report.paragraphs) {
      // Each section counts on its own.
      if (paragraph.section !== section) {
        section = paragraph.section;
        shi = null;
        paren = null;
        shiFirst = null;
        parenFirst = null;
      }
      for (const marker of paragraph.markers) {
        if (marker.kind === 'paren') {
          // Only paragraph numbers: （一） inside a sentence is a reference (第二十条第（一）项).
          if (!marker.atStart) continue;
          if (marker.value === 1 || paren === null) parenFirst = marker;
          step(marker, paren, parenFirst);
          paren = marker;
          // A new numbered part starts its own 一是 list.
          shi = null;
          shiFirst = null;
        } else {
          if (marker.value === 1 || shi === null) shiFirst = marker;
          step(marker, shi, shiFirst);
          shi = marker;
        }
      }
    }
    return findings;
  },
});
