// What `capstone backup` and `capstone restore` refuse with (exit 2, the code first).
import type { Area } from './area.ts';

export const BACKUPS: Area = {
  id: 'backups',
  title: 'Backups and restores (the capstone command: exit 2 with the code)',
  entries: [
    ['NO_FILE', null, 'cli', [], 'No such backup file, or it cannot be read', 'docs/architecture.md, Backups'],
    ['NO_SCHEMA', null, 'cli', [], 'The database has no Capstone schema to back up', 'docs/architecture.md, Backups'],
    ['FILE_DAMAGED', null, 'cli', [], 'An evidence file in storage does not match its SHA-256', 'docs/architecture.md, Backups'],
    ['FILE_MISSING', null, 'cli', [], 'An evidence file named in the files table is not in storage', 'docs/architecture.md, Backups'],
    ['NOT_A_BACKUP', null, 'cli', [], 'The file is not a Capstone backup', 'docs/architecture.md, Backups'],
    ['DAMAGED', null, 'cli', [], 'The archive is damaged or truncated', 'docs/architecture.md, Backups'],
    ['NEWER_BACKUP', null, 'cli', [], 'The backup was written by a newer Capstone', 'docs/architecture.md, Backups'],
    ['NOT_EMPTY', null, 'cli', [], 'A backup is restored only into a new, empty database', 'docs/architecture.md, Backups'],
    ['SCHEMA_MISMATCH', null, 'cli', [], "The backup's schema is not one this Capstone builds", 'docs/architecture.md, Backups'],
    ['SCHEMA_AHEAD', null, 'cli', [], "The database's schema is ahead of the backup's", 'docs/architecture.md, Backups'],
    ['LOAD_FAILED', null, 'cli', [], 'The backup could not be loaded; nothing was restored', 'docs/architecture.md, Backups'],
  ],
};
