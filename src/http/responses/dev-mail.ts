// What the outbox route answers with.
import { z } from 'zod';
import type { OutboxMessage } from '../../app/reminders.ts';
import { describes } from './describes.ts';
import { InstantResponse } from './instants.ts';

export const OutboxMessageResponse = describes<OutboxMessage>()(
  z.object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    kind: z.string(),
    createdAt: InstantResponse,
    sentAt: InstantResponse.nullable(),
  }),
);

export const OutboxResponse = z.object({ messages: z.array(OutboxMessageResponse) });
