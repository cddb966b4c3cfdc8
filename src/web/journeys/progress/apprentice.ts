// The apprentice's "My EPA" (/apprentice): what happens next, what to send by when, the
// result, the certificate.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { today } from '../../../app/context.ts';
import { declarationsToMake } from '../../../app/declarations.ts';
import { type EpaProgress, myEpa } from '../../../app/progress.ts';
import { formatDate } from '../../render.ts';
import type { Terminology } from '../../terminology.ts';
import { actorOf, type Services } from '../kit.ts';
import { describeEvent, gradeName, nextStep, workLine } from '../timeline-text.ts';

export async function showMyEpa({ ctx, view, terms }: Services, request: FastifyRequest, reply: FastifyReply) {
  const todayIs = today(ctx);
  const records = (await myEpa(ctx, actorOf(request))).map((p) => apprenticeView(p, terms, todayIs));
  const declarations = await declarationsToMake(ctx, actorOf(request));
  return view(request, reply, 'apprentice.njk', { title: `My ${terms.term('epa')}`, records, declarations });
}

/** One record on the apprentice's page, in the words it is shown in. */
function apprenticeView(p: EpaProgress, terms: Terminology, todayIs: string) {
  const gateway = p.gateway;
  const gatewayText = !gateway
    ? 'Not submitted yet'
    : gateway.status === 'approved'
      ? `Approved on ${formatDate(gateway.decidedOn)}`
      : gateway.status === 'rejected'
        ? `Not approved on ${formatDate(gateway.decidedOn)}`
        : `Submitted on ${formatDate(gateway.submittedOn)}: waiting for a decision`;
  const methodName = (id: string) => p.work.find((w) => w.method.id === id)?.method.name ?? p.assessments.find((a) => a.method.id === id)?.method.name ?? id;
  return {
    id: p.record.id,
    record: p.record,
    next: nextStep(p, terms),
    gatewayText,
    gatewayReasons: gateway?.status === 'rejected' ? gateway.reasons : [],
    window: p.window,
    assessments: p.assessments.map((a) => ({
      ...a,
      dateText: formatDate(a.date),
      place: a.remote ? 'Online (you will be sent the link)' : (a.venue ?? 'To be confirmed'),
      what: a.attempt ? `${a.method.name} (re-sit, attempt ${a.attempt})` : a.method.name,
    })),
    workOpen: p.record.gatewayApprovedOn !== null,
    work: p.work.map((w) => workLine(w, terms, methodName, todayIs)),
    result:
      p.result && p.result.status !== 'cancelled'
        ? {
            ...p.result,
            overallText: gradeName(p.result.overall),
            methods: p.result.methods.map((m) => ({ ...m, gradeText: gradeName(m.grade) })),
          }
        : null,
    appeal: p.appeal,
    certificate: p.certificate,
    employer: p.record.employer.name,
    timeline: p.timeline.map((e) => describeEvent(e, terms)),
  };
}
