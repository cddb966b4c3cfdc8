// Whether `capstone serve` loads the demo data. The demo accounts share a password printed
// in the README, so they belong only where someone is trying Capstone out: by default the
// embedded database outside production. A PostgreSQL server (DATABASE_URL, the README's
// production command) or NODE_ENV=production gets them only when asked, and production
// only when forced, since anyone who has read the README could then sign in as its admin.

export type DemoDecision = { kind: 'load' | 'skip' | 'refuse'; reason: string };

/**
 * DEMO_DATA: unset (the default above), `true` (load, but refuse to start in production),
 * `false` (never) or `force` (load even in production). Loading happens only into an
 * empty database (loadDemoIfEmpty), whatever this says.
 */
export function demoDataDecision(env: { DEMO_DATA?: string; NODE_ENV?: string }, engine: 'embedded' | 'postgres'): DemoDecision {
  const production = env.NODE_ENV === 'production';
  const setting = env.DEMO_DATA?.trim() ?? '';
  switch (setting) {
    case '':
      if (production) return { kind: 'skip', reason: 'no demo data: NODE_ENV is production' };
      if (engine === 'postgres') return { kind: 'skip', reason: 'no demo data on a PostgreSQL server (DATABASE_URL); DEMO_DATA=true loads it' };
      return { kind: 'load', reason: 'demo data on the embedded database (DEMO_DATA=false starts without it)' };
    case 'false':
      return { kind: 'skip', reason: 'no demo data: DEMO_DATA=false' };
    case 'true':
      if (production)
        return {
          kind: 'refuse',
          reason:
            'DEMO_DATA=true with NODE_ENV=production would create the demo accounts, whose password is published in the README: ' +
            'remove DEMO_DATA, or set DEMO_DATA=force if this really is a demonstration',
        };
      return { kind: 'load', reason: 'demo data: DEMO_DATA=true' };
    case 'force':
      return { kind: 'load', reason: `demo data: DEMO_DATA=force${production ? ' (in production: anyone with the README can sign in)' : ''}` };
    default:
      return { kind: 'refuse', reason: `DEMO_DATA must be true, false or force, not "${env.DEMO_DATA}"` };
  }
}
