import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/standards/load.ts';
import { documentTitles, sourceText } from '../../src/web/source-text.ts';

describe('a source as the pages show it', () => {
  const titles = documentTitles(catalogue());

  it('names each seed document by its title, never its file, and writes § as "section"', () => {
    expect(sourceText('001_1e92b44f98d10fcb.txt, §8 Apprenticeship Grading', titles)).toBe(
      'IfATE End-Point Assessment Plan: Customer Service Specialist (Level 3), ST0071 (content of v1.2), section 8 Apprenticeship Grading',
    );
    expect(sourceText('004_f9b9047560044387.txt, Table 4; same for v1.1 in 000_105fd02c04a4443e.txt', titles)).toBe(
      'PAL End-Point Assessment Handbook and Specification for Customer Service Specialist ST0071 v1.2, Table 4; same for v1.1 in VTCT Skills End-point Assessment Guide: ST0071 Customer Service Specialist v1.1',
    );
  });

  it('titles every seed document a source in the data names', () => {
    for (const file of [
      '000_105fd02c04a4443e.txt',
      '001_1e92b44f98d10fcb.txt',
      '002_75563123dfdaaed6.txt',
      '003_16fb56b024b0b0ad.txt',
      '004_f9b9047560044387.txt',
    ]) {
      expect(titles.get(file), file).toBeTruthy();
    }
  });

  it('leaves a source that names no seed file as it is', () => {
    expect(sourceText("this EPAO's setting", titles)).toBe("this EPAO's setting");
  });
});
