// Word counts of written submissions, annexes excluded, checked against the method's rule
// in the standard data.
// Source: 001_1e92b44f98d10fcb.txt, §5 Assessment Method - Work Based Project ("The written
// report must be 2500 words (+/- 10%), excluding annexes"); 003_16fb56b024b0b0ad.txt,
// Assessing the apprentice showcase ("a) Submitted as a written report ... a maximum of
// 4,500 words in length, excluding any annexes"; appendix evidence "will not form part of
// the overall word count").
import type { Finding } from '../outcome.ts';
import type { Standard } from '../standards/schema.ts';

type Submission = Standard['methods'][number]['submissions'][number];
export type WordRule = NonNullable<Submission['words']>;

export type WordCount = {
  /** Words counted: the text before the annexes. */
  counted: number;
  /** Words in the whole text, annexes included. */
  total: number;
  /** The line the annexes start at (1-based) and its text, when the annexes are marked. */
  annexes: { line: number; heading: string } | null;
};

/** A count with the limits and source of the rule it was checked against. */
export type CheckedWordCount = WordCount & { rule: { min: number | null; max: number | null; source: string } };

/** A word is a run of non-space characters holding at least one letter or digit ("–" and "•" are not words). */
const WORD = /[\p{L}\p{N}]/u;
const countIn = (text: string) => text.split(/\s+/u).filter((token) => WORD.test(token)).length;

/**
 * The default annex marker: a heading line that starts with Annex, Annexe(s), Appendix or
 * Appendices ("Annex A – call logs", "APPENDICES"). A sentence that happens to start with
 * the word ("Appendix B shows how I …") is prose, not a heading: it ends with a full stop
 * or runs past 12 words, and does not start the annexes.
 */
const ANNEX_HEADING = /^(annex|annexe|annexes|appendix|appendices)(?=$|[\s\p{P}\d])/iu;
const isAnnexHeading = (line: string) => ANNEX_HEADING.test(line) && !/[.?!]$/u.test(line) && countIn(line) <= 12;

/**
 * Counts the words of extracted text. The annexes start at the first line that is an annex
 * heading or, when the caller names a marker, the first line that starts with that marker
 * (case-insensitive, which then replaces the default headings); from there on nothing is counted.
 */
export function countWords(text: string, options: { annexMarker?: string } = {}): WordCount {
  const lines = text.split(/\r\n|\r|\n/u);
  const marker = options.annexMarker?.trim().toLowerCase();
  const isMarker = marker ? (line: string) => line.toLowerCase().startsWith(marker) : isAnnexHeading;
  const at = lines.findIndex((line) => isMarker(line.trim()));
  const total = countIn(text);
  if (at < 0) return { counted: total, total, annexes: null };
  return { counted: countIn(lines.slice(0, at).join('\n')), total, annexes: { line: at + 1, heading: (lines[at] ?? '').trim() } };
}

/** The inclusive word range a rule allows: target ± tolerance, capped by any maximum. */
export function wordLimits(rule: WordRule): { min: number | null; max: number | null } {
  const { target, tolerancePercent = 0, max } = rule.value;
  let min: number | null = null;
  let upper: number | null = max ?? null;
  if (target !== undefined) {
    // Integer arithmetic: 2500 ± 10% is 2250 to 2750 with no rounding drift.
    min = Math.ceil((target * (100 - tolerancePercent)) / 100);
    const high = Math.floor((target * (100 + tolerancePercent)) / 100);
    upper = upper === null ? high : Math.min(upper, high);
  }
  return { min, max: upper };
}

/**
 * The word rule that applies to a submission. Where the method lets the apprentice choose a
 * format (the ST0072 showcase: report or presentation), only a written report is counted.
 */
export function applicableWordRule(submission: Submission, format: 'report' | 'presentation' | null): WordRule | null {
  if (!submission.words) return null;
  if (submission.formats && format !== 'report') return null;
  return submission.words;
}

const n = (value: number) => value.toLocaleString('en-GB');

/** The findings of a word count against the rule: WORD_COUNT_TOO_LOW or WORD_COUNT_TOO_HIGH, with the rule's source. */
export function checkWordCount(rule: WordRule, counted: number, name = 'the report'): Finding[] {
  const { min, max } = wordLimits(rule);
  const excluding = rule.value.excludes.length > 0 ? ` (excluding ${rule.value.excludes.join(', ')})` : '';
  const allowed =
    rule.value.target !== undefined
      ? `${n(rule.value.target)} words ± ${rule.value.tolerancePercent ?? 0}%: ${n(min ?? 0)} to ${n(max ?? 0)}`
      : `at most ${n(max ?? 0)} words`;
  if (min !== null && counted < min)
    return [
      {
        code: 'WORD_COUNT_TOO_LOW',
        message: `${name} has ${n(counted)} words${excluding}; it must be ${allowed}`,
        source: rule.source,
        words: counted,
        min,
        max,
      },
    ];
  if (max !== null && counted > max)
    return [
      {
        code: 'WORD_COUNT_TOO_HIGH',
        message: `${name} has ${n(counted)} words${excluding}; it must be ${allowed}`,
        source: rule.source,
        words: counted,
        min,
        max,
      },
    ];
  return [];
}
