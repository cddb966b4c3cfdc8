-- gatewayStepsOf
select "id", "submitted_on", "status", "decided_at", "reasons" from "gateway_submissions" where "epa_record_id" = $1 order by "submitted_at";

-- bookingsOfRecord
select * from "bookings" where "epa_record_id" = $1 order by "starts_at";

-- submissionsInOrder
select * from "submissions" where "epa_record_id" = $1 order by "created_at";

-- assessmentsOfRecord
select "id", "booking_id", "method", "attempt", "status", "started_at", "ended_at", "submitted_at", "provisional_grade", "moderation_status", "moderated_at", "moderated_grade" from "assessments" where "epa_record_id" = $1;

-- resultsOfRecord
select * from "results" where "epa_record_id" = $1 order by "created_at";

-- appealsOfRecord
select * from "appeals" where "epa_record_id" = $1 order by "lodged_on";

-- reattemptsOfRecord
select * from "reattempts" where "epa_record_id" = $1;

-- certificatesOfRecord
select * from "certificates" where "epa_record_id" = $1 order by "created_at";

-- bookingChanges
select "seq", "action", "entity_id", "after" from "audit_log" where "entity" = $1 and "action" in ($2, $3) and "entity_id" in ($4) order by "seq";

-- bookingChangesOfNone
-- (no query)
