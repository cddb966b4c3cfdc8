import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEnvironment } from '../../src/web/render.ts';
import { terminology } from '../../src/web/terminology.ts';

describe('terminology: the one place labels live', () => {
  it('uses the assessment plans’ terms by default', () => {
    const t = terminology(undefined);
    expect(t.term('gateway')).toBe('Gateway');
    expect(t.term('epao')).toBe('EPAO');
    expect(t.status('gateway-submitted')).toBe('Gateway: submitted');
    expect(t.role('epao-admin')).toBe('EPAO administrator');
  });

  it('uses the August 2025 terms with TERMINOLOGY=2025, in labels built from them too', () => {
    const t = terminology('2025');
    expect(t.term('gateway')).toBe('Gateway to Completion');
    expect(t.term('epao')).toBe('Assessment Organisation');
    expect(t.status('gateway-approved')).toBe('Gateway to Completion: approved');
    expect(t.role('epao-admin')).toBe('Assessment Organisation administrator');
  });

  it('takes an EPAO’s own labels from a JSON file over a set, and refuses unknown ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terms-'));
    const file = join(dir, 'terms.json');
    writeFileSync(file, JSON.stringify({ extends: '2025', labels: { assessor: 'Assessor' } }));
    const t = terminology(file);
    expect(t.term('assessor')).toBe('Assessor');
    expect(t.term('gateway')).toBe('Gateway to Completion');
    writeFileSync(file, JSON.stringify({ labels: { judgementNotEvidenced: 'No evidence seen' } }));
    expect(terminology(file).judgement('not-evidenced')).toBe('No evidence seen');
    expect(terminology(file).judgement('met')).toBe('Met');
    writeFileSync(file, JSON.stringify({ labels: { gatway: 'Typo' } }));
    expect(() => terminology(file)).toThrow(/TERMINOLOGY file/);
    expect(() => terminology('1999')).toThrow(/TERMINOLOGY must be/);
    expect(() => t.term('nonsense')).toThrow(/no label/);
  });

  it('reaches the templates through term() and the term and status filters, escaped', () => {
    const views = renderEnvironment(terminology('2025'), (id) => `<b>${id}</b>`);
    const html = views.renderString(
      "{{ term('gateway') }}|{{ 'epao' | term }}|{{ 'gateway-submitted' | status }}|{{ 'ST0071@1.2' | standard }}|{{ 'not-met' | judgement }}|{{ 'jack turner' | sentence }}",
      {},
    );
    expect(html).toBe(
      'Gateway to Completion|Assessment Organisation|Gateway to Completion: submitted|&lt;b&gt;ST0071@1.2&lt;/b&gt; (ST0071 v1.2)|Not met|Jack turner',
    );
  });
});
