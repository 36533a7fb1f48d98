import { isSpace } from '../reader/tokens';
import { isZeroWidth } from '../text';
import { defineRule } from './rule';
import { firstHeadings } from './sections-common';
import { checksText, paragraphsOf, under2021Format } from './text-common';

const LIMIT = 1000;

function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Characters as a word processor's 字数 counts them: each Chinese character and punctuation mark is
 * one, a run of ASCII letters and digits ("2021", "APP") is one, white space is nothing.
 */
export function countCharacters(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A Chinese character, most of the text: one, and no test of the rarer cases below.
    if (code >= 0x4e00 && code <= 0x9fff) {
      inWord = false;
      count++;
      continue;
    }
    if (isSpace(code)) {
      inWord = false;
      continue;
    }
    // The second half of a surrogate pair was counted with the first; zero-width characters are invisible.
    if ((code >= 0xdc00 && code <= 0xdfff) || isZeroWidth(code)) continue;
    if (isAsciiWordChar(code)) {
      if (!inWord) count++;
      inWord = true;
      continue;
    }
    inWord = false;
    count++;
  }
  return count;
}

/** 2021+ report: 总体情况 over 1000 characters of text. */
export default defineRule({
  id: 'overview-length',
  category: 'text',
  defaultSeverity: 'info',
  title: '总体情况超过一千字',
  titleEn: 'Overview longer than 1000 characters',
  fixable: false,
  check(report, en) {
    if (!checksText(report) || !under2021Format(report)) return [];
    const one = firstHeadings(report).find((section) => section.def.index === 1);
    if (!one) return [];
    const paragraphs = paragraphsOf(report, 1);
    // Each character counts at most once: a text no longer than the limit is within it, uncounted.
    let length = 0;
    for (const paragraph of paragraphs) length += paragraph.text.length;
    if (length <= LIMIT) return [];
    let count = 0;
    for (const paragraph of paragraphs) count += countCharacters(paragraph.text);
    if (count <= LIMIT) return [];
    return [
      {
        span: one.headingSpan,
        message: en
          ? `The overview (总体情况) has about ${count} characters; the 2021 format asks for no more than 1000 in principle`
          : `总体情况约 ${count} 字，30号格式要求篇幅原则上不超过一千字`,
      },
    ];
  },
});
