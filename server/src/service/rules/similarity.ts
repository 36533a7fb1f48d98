// similarity: section 一 or 五 copied (nearly) verbatim from the same agency's report of the year before.
// A workspace rule, run by checkAcross (service/workspace.ts) on report summaries.
import type { AcrossFinding, ReportSummary, SectionText } from '../workspace';
import { Memo } from '../memo';
import { defineRule } from './rule';

export default defineRule({
  id: 'similarity',
  category: 'workspace',
  defaultSeverity: 'info',
  title: '与上一年度报告雷同',
  titleEn: 'Same text as last year’s report',
  fixable: false,
  // Nothing to say about a report alone.
  check: () => [],
});

/** More than this share of the section's text is last year's. */
const THRESHOLD = 0.5;
/** A sentence counts as copied when this share of its trigrams is in one sentence of last year. */
const NEAR = 0.8;
/** Sentences shorter than this (normalised) must match exactly: their trigrams say too little. */
const SHORT = 8;
/** Sections shorter than this (normalised) are not compared: "无。" is the same every year by nature. */
const MIN_SECTION = 20;

interface Sentence {
  text: string;
  grams: Set<string>;
}

interface Prepared {
  sentences: Sentence[];
  exact: Set<string>;
  /** Trigram → the sentences holding it. */
  index: Map<string, number[]>;
  length: number;
}

// Years are what changes in a copied text ("2021年" → "2022年", "二〇二一年"), so they compare equal.
const YEAR = /(?:19|20)\d{2}(?=\s*年)|[二][〇○零][一二三四五六七八九〇○零十]{1,2}(?=年)/g;
const NOISE = /[\s\u3000\u200b\ufeff*#_`>|"'“”‘’「」『』《》〈〉，,、：:（）()]/g;
const SENTENCE_END = /[。！？!?；;\n\r]+/;

function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(text.slice(i, i + 3));
  return grams;
}

function prepare(body: string): Prepared {
  const sentences: Sentence[] = [];
  let length = 0;
  for (const raw of body.normalize('NFKC').split(SENTENCE_END)) {
    const text = raw.replace(YEAR, 'Y').replace(NOISE, '');
    if (text.length < 2) continue;
    sentences.push({ text, grams: trigrams(text) });
    length += text.length;
  }
  const exact = new Set(sentences.map((sentence) => sentence.text));
  const index = new Map<string, number[]>();
  sentences.forEach((sentence, i) => {
    for (const gram of sentence.grams) {
      const list = index.get(gram);
      if (list) list.push(i);
      else index.set(gram, [i]);
    }
  });
  return { sentences, exact, index, length };
}

// Summaries of other reports are compared again on every keystroke in the current one; their prepared
// form depends only on the (immutable) section object, so it is kept with it. It depends only on the
// section's text, too: sections with the same text (copies of one report: drafts, a file and its
// copy, every report generated from one template) share one prepared form, and so the shares below.
const prepared = new WeakMap<SectionText, Prepared>();
const preparedByText = new Memo<Prepared>(256);

function preparedOf(section: SectionText): Prepared {
  let value = prepared.get(section);
  if (!value) {
    value = preparedByText.get(section.body);
    if (!value) {
      value = prepare(section.body);
      preparedByText.set(section.body, value);
    }
    prepared.set(section, value);
  }
  return value;
}

/**
 * Whether `sentence` is (nearly) one of `before`'s sentences. `hits` counts shared trigrams per
 * sentence of `before`; it comes in all zeros, as long as `before.sentences`, and is left so.
 */
function copied(sentence: Sentence, before: Prepared, hits: Int32Array): boolean {
  if (before.exact.has(sentence.text)) return true;
  if (sentence.text.length < SHORT || sentence.grams.size === 0) return false;
  const size = sentence.grams.size;
  let found = false;
  const touched: number[] = [];
  counting: for (const gram of sentence.grams) {
    const holders = before.index.get(gram);
    if (!holders) continue;
    for (const holder of holders) {
      const count = ++hits[holder];
      if (count === 1) touched.push(holder);
      // Counts only grow: once one sentence holds enough of the trigrams, the answer is known.
      if (count / size >= NEAR) {
        found = true;
        break counting;
      }
    }
  }
  for (const holder of touched) hits[holder] = 0;
  return found;
}

// The share for a pair of prepared sections, kept with them. A file of many reports compares every
// report with each of its agency's reports of the year before on every keystroke; only the pairs with
// the edited report's new sections are computed again.
const shares = new WeakMap<Prepared, WeakMap<Prepared, number>>();

/** The share (0..1) of `section`'s text found in `before`, sentence by sentence. */
export function copiedShare(section: SectionText, before: SectionText): number {
  const now = preparedOf(section);
  const then = preparedOf(before);
  let known = shares.get(now);
  if (!known) {
    known = new WeakMap();
    shares.set(now, known);
  }
  let share = known.get(then);
  if (share === undefined) {
    share = computeShare(now, then);
    known.set(then, share);
  }
  return share;
}

function computeShare(now: Prepared, then: Prepared): number {
  if (now.length < MIN_SECTION || then.length === 0) return 0;
  let same = 0;
  const hits = new Int32Array(then.sentences.length);
  for (const sentence of now.sentences) if (copied(sentence, then, hits)) same += sentence.text.length;
  return same / now.length;
}

const NUMERALS: Record<number, string> = { 1: '一', 5: '五' };

export function checkSimilarity(current: ReportSummary, previous: readonly ReportSummary[], en: boolean): AcrossFinding[] {
  const findings: AcrossFinding[] = [];
  for (const section of current.sections) {
    // The closest of last year's reports (usually there is one).
    let best: { report: ReportSummary; section: SectionText; share: number } | null = null;
    for (const report of previous) {
      const before = report.sections.find((candidate) => candidate.index === section.index);
      if (!before) continue;
      const share = copiedShare(section, before);
      if (!best || share > best.share) best = { report, section: before, share };
    }
    if (!best || best.share <= THRESHOLD) continue;
    const percent = Math.round(best.share * 100);
    const numeral = NUMERALS[section.index];
    const year = best.report.year;
    findings.push({
      range: section.headingRange,
      message: en
        ? `Section ${numeral} is about ${percent}% the same as in the ${year} report`
        : `第${numeral}部分与 ${year} 年度报告约 ${percent}% 相同`,
      related: [
        {
          uri: best.report.uri,
          range: best.section.headingRange,
          message: en ? `Section ${numeral} of the ${year} report` : `${year} 年度报告的第${numeral}部分`,
        },
      ],
    });
  }
  return findings;
}
