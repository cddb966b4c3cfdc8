// A calendar date in a request: YYYY-MM-DD and a real day (2026-02-30 is refused).
import { z } from 'zod';
import { isIsoDate } from './dates.ts';

export const CalendarDate = z.string().refine(isIsoDate, { message: 'must be a real calendar date, YYYY-MM-DD' });
