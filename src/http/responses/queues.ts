// What the work queues route answers with.
import { z } from 'zod';
import { type QueueCount, RECORD_QUEUES } from '../../app/work-queues.ts';
import { describes } from './describes.ts';

export const QueueCountResponse = describes<QueueCount>()(
  z.object({
    id: z.enum(RECORD_QUEUES),
    name: z.string(),
    hint: z.string(),
    count: z.number().int(),
    /** The apprentices list page narrowed to this queue. */
    href: z.string(),
  }),
);

export const WorkQueuesResponse = z.object({ queues: z.array(QueueCountResponse) });
