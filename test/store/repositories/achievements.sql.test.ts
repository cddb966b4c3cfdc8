import { it } from 'vitest';
import { releasedAchievements } from '../../../src/store/repositories/achievements.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

it('keeps the SQL the achievements repository sends', async () => {
  await expectSqlSnapshot('achievements', {
    releasedAchievements: (db) => releasedAchievements(db, { from: '2026-01-01', to: '2026-01-31' }),
  });
});
