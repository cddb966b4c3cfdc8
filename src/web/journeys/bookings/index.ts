// The EPAO books, moves and cancels a record's assessments. Nothing is changed on the first
// submit: the use-case runs as a dry run (src/app/bookings.ts, { dryRun: true }) and the
// "Check" page shows its verdict — refusals that block, warnings that do not, each with
// its source, and a cancellation's charge — with a confirm button carrying the values only
// when nothing blocks. Confirming runs the same use-case for real, which checks it all again.
import type { FastifyPluginAsync } from 'fastify';
import { handle, type PageHandler, type Services } from '../kit.ts';
import { confirmAttendance } from './attend.ts';
import { changeBooking, checkBooking, confirmBooking, showBookings } from './book.ts';
import { changeCancel, checkCancel, confirmCancel, showCancel } from './cancel.ts';
import { ROLES } from './form.ts';
import { changeMove, checkMove, confirmMove, showMove } from './move.ts';

export function bookingRoutes(services: Services): FastifyPluginAsync {
  const config = { config: { roles: ROLES } };
  const on = (handler: PageHandler) => handle(services, handler);
  return async (app) => {
    app.get('/records/:id/bookings', config, on(showBookings));
    app.post('/records/:id/bookings/check', config, on(checkBooking));
    app.post('/records/:id/bookings', config, on(confirmBooking));
    app.post('/records/:id/bookings/change', config, on(changeBooking));

    app.get('/records/:id/bookings/:bookingId/move', config, on(showMove));
    app.post('/records/:id/bookings/:bookingId/move/check', config, on(checkMove));
    app.post('/records/:id/bookings/:bookingId/move', config, on(confirmMove));
    app.post('/records/:id/bookings/:bookingId/move/change', config, on(changeMove));

    app.get('/records/:id/bookings/:bookingId/cancel', config, on(showCancel));
    app.post('/records/:id/bookings/:bookingId/cancel/check', config, on(checkCancel));
    app.post('/records/:id/bookings/:bookingId/cancel', config, on(confirmCancel));
    app.post('/records/:id/bookings/:bookingId/cancel/change', config, on(changeCancel));

    app.post('/bookings/:bookingId/confirmation', { config: { roles: ['assessor'] } }, on(confirmAttendance));
  };
}
