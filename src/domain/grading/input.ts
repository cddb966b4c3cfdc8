// The shape of a grading request, shared by the CLI (`capstone grade`) and the API.
import { z } from 'zod';
import { Channel } from '../standards/schema.ts';

export const MethodJudgementsInput = z.object({
  met: z.array(z.string()).default([]),
  notEvidenced: z.array(z.string()).default([]),
  attempt: z.int().min(1).default(1),
});

export const GradeInput = z.object({
  standard: z.string(),
  exceptionalCircumstances: z.boolean().default(false),
  context: z.object({ channel: Channel.optional() }).default({}),
  methods: z.record(z.string(), MethodJudgementsInput),
});

export type GradeRequest = z.infer<typeof GradeInput>;
export type MethodJudgements = z.infer<typeof MethodJudgementsInput>;
