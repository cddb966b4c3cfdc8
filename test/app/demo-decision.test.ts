import { describe, expect, it } from 'vitest';
import { demoDataDecision } from '../../src/app/demo-decision.ts';

const kind = (env: Record<string, string>, engine: 'embedded' | 'postgres') => demoDataDecision(env, engine).kind;

describe('whether serve loads the demo data', () => {
  it('loads by default only on the embedded database outside production', () => {
    expect(kind({}, 'embedded')).toBe('load');
    expect(kind({ NODE_ENV: 'development' }, 'embedded')).toBe('load');
    expect(kind({ NODE_ENV: 'production' }, 'embedded')).toBe('skip');
  });

  it('does not load on PostgreSQL (the README production command, DATABASE_URL=… npm start) unless asked', () => {
    expect(kind({ DATABASE_URL: 'postgres://u:p@db:5432/capstone' }, 'postgres')).toBe('skip');
    expect(demoDataDecision({}, 'postgres').reason).toContain('DEMO_DATA=true');
    expect(kind({ DEMO_DATA: 'true' }, 'postgres')).toBe('load');
  });

  it('never loads with DEMO_DATA=false', () => {
    for (const engine of ['embedded', 'postgres'] as const) {
      expect(kind({ DEMO_DATA: 'false' }, engine)).toBe('skip');
      expect(kind({ DEMO_DATA: 'false', NODE_ENV: 'production' }, engine)).toBe('skip');
    }
  });

  it('refuses to start in production with DEMO_DATA=true, saying how to force it', () => {
    for (const engine of ['embedded', 'postgres'] as const) {
      const decision = demoDataDecision({ DEMO_DATA: 'true', NODE_ENV: 'production' }, engine);
      expect(decision.kind).toBe('refuse');
      expect(decision.reason).toContain('DEMO_DATA=force');
      expect(decision.reason).toContain('README');
    }
  });

  it('loads anywhere with DEMO_DATA=force, production included', () => {
    expect(kind({ DEMO_DATA: 'force', NODE_ENV: 'production' }, 'postgres')).toBe('load');
    expect(kind({ DEMO_DATA: 'force' }, 'embedded')).toBe('load');
  });

  it('refuses a DEMO_DATA it does not know rather than guess', () => {
    const decision = demoDataDecision({ DEMO_DATA: 'yes' }, 'embedded');
    expect(decision).toEqual({ kind: 'refuse', reason: 'DEMO_DATA must be true, false or force, not "yes"' });
  });
});
