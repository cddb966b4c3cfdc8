-- recordsUnderWay
select "epa_records"."id", "epa_records"."standard", "epa_records"."policy", "epa_records"."gateway_approved_on", "epa_records"."apprentice_id", "apprentices"."provider_id", "apprentices"."given_names", "apprentices"."family_name" from "epa_records" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" where "epa_records"."status" in ($1, $2) and "epa_records"."gateway_approved_on" is not null;
select "bookings"."id", "bookings"."epa_record_id", "bookings"."method", "bookings"."starts_at", "bookings"."status" from "bookings" inner join "epa_records" on "epa_records"."id" = "bookings"."epa_record_id" where "epa_records"."status" in ($1, $2) and "epa_records"."gateway_approved_on" is not null;
select "submissions"."epa_record_id", "submissions"."kind", "submissions"."submitted_on" from "submissions" inner join "epa_records" on "epa_records"."id" = "submissions"."epa_record_id" where "epa_records"."status" in ($1, $2) and "epa_records"."gateway_approved_on" is not null;
select "gateway_submissions"."epa_record_id", "gateway_submissions"."submitted_on" from "gateway_submissions" inner join "epa_records" on "epa_records"."id" = "gateway_submissions"."epa_record_id" where "epa_records"."status" in ($1, $2) and "epa_records"."gateway_approved_on" is not null;
select "assessments"."epa_record_id", "assessments"."method", "assessments"."attempt", "assessments"."ended_at", "bookings"."starts_at" from "assessments" inner join "bookings" on "bookings"."id" = "assessments"."booking_id" inner join "epa_records" on "epa_records"."id" = "assessments"."epa_record_id" where "assessments"."status" = $1 and "epa_records"."status" in ($2, $3) and "epa_records"."gateway_approved_on" is not null;
select "results"."epa_record_id", "results"."final_assessment_on", "results"."released_on", "results"."method_grades", "results"."status", "results"."created_at" from "results" inner join "epa_records" on "epa_records"."id" = "results"."epa_record_id" where "epa_records"."status" in ($1, $2) and "epa_records"."gateway_approved_on" is not null;

-- assessmentsAwaitingModeration
select "assessments"."id", "assessments"."epa_record_id", "assessments"."method", "assessments"."submitted_at", "epa_records"."standard", "epa_records"."apprentice_id", "apprentices"."provider_id", "apprentices"."given_names", "apprentices"."family_name" from "assessments" inner join "epa_records" on "epa_records"."id" = "assessments"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" where "assessments"."moderation_status" = $1 and "assessments"."status" = $2 and "assessments"."submitted_at" is not null and "epa_records"."status" <> $3;

-- usersInRoles
select "email", "role", "organisation_id", "apprentice_id" from "users" where "role" in ($1, $2, $3, $4) and "reminders_off" = $5 and "disabled_at" is null order by "email";

-- writeReminderMail
insert into "outbox" ("to_address", "subject", "body", "kind", "dedupe_key", "created_at") values ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12) on conflict ("dedupe_key") do nothing returning "id";

-- outboxNewestFirst
select "id", "to_address", "subject", "body", "kind", "created_at", "sent_at" from "outbox" order by "created_at" desc, "to_address", "subject" limit $1;

-- outboxNewestFirst (unsent)
select "id", "to_address", "subject", "body", "kind", "created_at", "sent_at" from "outbox" where "sent_at" is null order by "created_at" desc, "to_address", "subject" limit $1;
