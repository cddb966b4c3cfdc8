import { it } from 'vitest';
import {
  assessmentsAwaitingModeration,
  outboxNewestFirst,
  recordsUnderWay,
  usersInRoles,
  writeReminderMail,
} from '../../../src/store/repositories/reminders.repository.ts';
import { expectSqlSnapshot } from '../sql-snapshot.ts';

const AT = new Date('2026-02-10T07:00:00Z');
const mail = (n: number) => ({
  toAddress: `iqa${n}@epao.example`,
  subject: 'Moderation overdue: Ada Lovelace (ST0071)',
  body: 'Moderation is overdue.',
  kind: 'MODERATION_DUE',
  dedupeKey: `MODERATION_DUE:00000000-0000-4000-8000-000000000001:iqa${n}@epao.example`,
  createdAt: AT,
});

it('keeps the SQL the reminders repository sends', async () => {
  await expectSqlSnapshot('reminders', {
    recordsUnderWay: (db) => recordsUnderWay(db, ['gateway-approved', 'in-epa']),
    assessmentsAwaitingModeration: (db) => assessmentsAwaitingModeration(db),
    usersInRoles: (db) => usersInRoles(db, ['epao-admin', 'iqa', 'provider', 'apprentice']),
    writeReminderMail: (db) => writeReminderMail(db, [mail(1), mail(2)]),
    outboxNewestFirst: (db) => outboxNewestFirst(db, { limit: 200, unsent: false }),
    'outboxNewestFirst (unsent)': (db) => outboxNewestFirst(db, { limit: 50, unsent: true }),
  });
});
