import { describe, expect, it } from 'vitest';
import { applicableWordRule, checkWordCount, countWords, wordLimits } from '../../src/domain/submissions/word-count.ts';
import { resolved } from '../helpers.ts';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const submissionOf = (standard: string, method: string, id: string) => {
  const s = resolved(standard)
    .index.methods.get(method)
    ?.submissions.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};
const projectReport = submissionOf('ST0071@1.2', 'project', 'project-report');
const showcase = submissionOf('ST0072@1.1', 'showcase', 'showcase');
const reportRule = projectReport.words!;
const showcaseRule = showcase.words!;

describe('counting words', () => {
  it('counts runs of text holding a letter or digit; punctuation and bullets alone are not words', () => {
    expect(countWords('').counted).toBe(0);
    expect(countWords('The customer’s complaint – resolved in 2 days.\n• Follow-up call made').counted).toBe(10);
    expect(countWords('  a\tb\r\nc  ').counted).toBe(3);
  });

  it('excludes the annexes from the first annex heading on', () => {
    const text = `Introduction\n${words(100)}\n\nAnnex A – customer emails\n${words(50)}\nAppendix B\n${words(20)}`;
    expect(countWords(text)).toEqual({ counted: 101, total: 101 + 4 + 50 + 2 + 20, annexes: { line: 4, heading: 'Annex A – customer emails' } });
    for (const heading of ['ANNEXES', 'Annexe 1: call logs', 'Appendices', 'appendix 3', 'Annex A'])
      expect(countWords(`${words(10)}\n${heading}\n${words(5)}`).counted, heading).toBe(10);
  });

  it('does not take a sentence that starts with "Appendix" or a word like "Annexation" for the annexes', () => {
    for (const line of [
      'Appendix B shows how I resolved the complaint.',
      'Annexation of the car park was discussed',
      'Annexe buildings were used for training sessions by the whole team every week',
    ])
      expect(countWords(`${words(10)}\n${line}\n${words(5)}`).annexes, line).toBeNull();
  });

  it('uses the caller’s marker instead of the default headings', () => {
    const text = `${words(30)}\nAnnex A\n${words(10)}\nSUPPORTING EVIDENCE\n${words(40)}`;
    const r = countWords(text, { annexMarker: 'Supporting evidence' });
    expect(r.counted).toBe(30 + 2 + 10);
    expect(r.annexes).toEqual({ line: 4, heading: 'SUPPORTING EVIDENCE' });
    expect(countWords(text, { annexMarker: 'Not there' })).toMatchObject({ counted: r.total, annexes: null });
  });
});

describe('checking a count against the standard’s rule', () => {
  it('reads ST0071 2500 ± 10% as 2250 to 2750 inclusive', () => {
    expect(wordLimits(reportRule)).toEqual({ min: 2250, max: 2750 });
    expect(checkWordCount(reportRule, 2250)).toEqual([]);
    expect(checkWordCount(reportRule, 2750)).toEqual([]);
    const low = checkWordCount(reportRule, 2249);
    expect(low).toMatchObject([{ code: 'WORD_COUNT_TOO_LOW', words: 2249, min: 2250, max: 2750 }]);
    expect(low[0]?.source).toContain('001_1e92b44f98d10fcb.txt');
    expect(low[0]?.message).toContain('2,249');
    expect(checkWordCount(reportRule, 2751)).toMatchObject([{ code: 'WORD_COUNT_TOO_HIGH', source: reportRule.source }]);
  });

  it('reads the ST0072 showcase as at most 4500 words, and only for a written report', () => {
    expect(wordLimits(showcaseRule)).toEqual({ min: null, max: 4500 });
    expect(checkWordCount(showcaseRule, 1)).toEqual([]);
    expect(checkWordCount(showcaseRule, 4500)).toEqual([]);
    const high = checkWordCount(showcaseRule, 4501);
    expect(high).toMatchObject([{ code: 'WORD_COUNT_TOO_HIGH', max: 4500 }]);
    expect(high[0]?.source).toContain('003_16fb56b024b0b0ad.txt');
    expect(applicableWordRule(showcase, 'report')).toBe(showcaseRule);
    expect(applicableWordRule(showcase, 'presentation')).toBeNull();
    expect(applicableWordRule(showcase, null)).toBeNull();
    expect(applicableWordRule(projectReport, null)).toBe(reportRule);
  });

  it('applies a maximum together with a target', () => {
    const rule = { value: { target: 1000, tolerancePercent: 20, max: 1100, excludes: [] }, source: 'a made-up rule' };
    expect(wordLimits(rule)).toEqual({ min: 800, max: 1100 });
  });
});
