// Delivering the outbox (DESIGN §3: nodemailer; in development and tests mail is kept in
// the outbox table and shown at /dev/mail). Use-cases only write outbox rows, inside their
// own transaction; a mailer delivers what is unsent afterwards.
//  - OutboxOnlyMailer: mail stays in the outbox; a row is marked delivered (sent_at) when
//    it has been made visible there, so switching to SMTP later never mails old
//    development messages.
//  - SmtpMailer: sends unsent rows with nodemailer (SMTP_URL) and marks each sent. Each row
//    is claimed with FOR UPDATE SKIP LOCKED in its own short transaction, so several
//    processes can deliver at once without sending a message twice.
import nodemailer, { type Transporter } from 'nodemailer';
import { claimUnsent, markAllDelivered, markSent, replaceBody } from '../store/repositories/outbox.repository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { hideLinks } from './people.ts';

export type Delivery = { delivered: number; failed: number };

export interface Mailer {
  readonly kind: 'outbox' | 'smtp';
  /** Delivers the unsent outbox rows; never throws for one message that fails. */
  deliver(ctx: Pick<AppContext, 'db' | 'now'>): Promise<Delivery>;
  close(): Promise<void>;
}

export class OutboxOnlyMailer implements Mailer {
  readonly kind = 'outbox' as const;

  async deliver(ctx: Pick<AppContext, 'db' | 'now'>): Promise<Delivery> {
    return { delivered: await markAllDelivered(ctx.db, ctx.now()), failed: 0 };
  }

  async close(): Promise<void> {}
}

export const DEFAULT_FROM = 'Capstone <no-reply@capstone.invalid>';

export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #batch: number;
  readonly #onError: (error: unknown, outboxId: string) => void;

  /** `transport` is an smtp(s):// URL or a nodemailer transport (tests use jsonTransport). */
  constructor(transport: string | Transporter, options: { from?: string; batch?: number; onError?: (error: unknown, outboxId: string) => void } = {}) {
    this.#transport = typeof transport === 'string' ? nodemailer.createTransport(transport) : transport;
    this.#from = options.from ?? DEFAULT_FROM;
    this.#batch = options.batch ?? 500;
    this.#onError = options.onError ?? (() => {});
  }

  async deliver(ctx: Pick<AppContext, 'db' | 'now'>): Promise<Delivery> {
    const failed: string[] = [];
    let delivered = 0;
    while (delivered + failed.length < this.#batch) {
      const outcome = await inTransaction(ctx.db, async (trx) => {
        const row = await claimUnsent(trx, failed);
        if (!row) return 'empty' as const;
        try {
          await this.#transport.sendMail({ from: this.#from, to: row.toAddress, subject: row.subject, text: row.body });
        } catch (error) {
          // Left unsent for the next run; this run moves on to the other messages.
          failed.push(row.id);
          this.#onError(error, row.id);
          return 'failed' as const;
        }
        await markSent(trx, row.id, ctx.now());
        // Once sent, a password link's copy is kept without its secret: it works for its owner only.
        if (hideLinks(row.body) !== row.body) await replaceBody(trx, row.id, hideLinks(row.body));
        return 'sent' as const;
      });
      if (outcome === 'empty') break;
      if (outcome === 'sent') delivered++;
    }
    return { delivered, failed: failed.length };
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}

/** SMTP when SMTP_URL is set (MAIL_FROM names the sender); otherwise mail stays in the outbox. */
export function mailerFromEnv(env: { SMTP_URL?: string; MAIL_FROM?: string }): Mailer {
  return env.SMTP_URL ? new SmtpMailer(env.SMTP_URL, { from: env.MAIL_FROM || DEFAULT_FROM }) : new OutboxOnlyMailer();
}
