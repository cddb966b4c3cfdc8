-- assessmentRecord
select "assessments".*, "bookings"."starts_at" as "booking_starts_at", "epa_records"."standard", "epa_records"."policy", "epa_records"."channel", "epa_records"."extra_time_percent", "epa_records"."showcase_format", "apprentices"."given_names", "apprentices"."family_name", "apprentices"."uln", "apprentices"."provider_id", "apprentices"."employer_id", "apprentices"."id" as "apprentice_id", "assessors"."user_id" as "assessor_user_id" from "assessments" inner join "epa_records" on "epa_records"."id" = "assessments"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" inner join "bookings" on "bookings"."id" = "assessments"."booking_id" where "assessments"."id" = $1;

-- bookingToAssess
select "bookings"."epa_record_id", "bookings"."method", "bookings"."assessor_id", "bookings"."status", "assessments"."id" as "assessment_id" from "bookings" left join "assessments" on "assessments"."booking_id" = "bookings"."id" where "bookings"."id" = $1;

-- insertDraft
insert into "assessments" ("booking_id", "epa_record_id", "method", "attempt", "previous_assessment_id", "assessor_id", "status", "judgements", "session_findings") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id";

-- saveDraftRow
update "assessments" set "judgements" = $1, "identity_checked" = $2, "id_document" = $3, "started_at" = $4, "ended_at" = $5, "questioning_minutes" = $6, "version" = version + 1 where "id" = $7 and "version" = $8 and "status" = $9;

-- assessorHistory
select "provisional_grade", count(*) as "n", sum(case when sampled then 1 else 0 end) as "sampled" from "assessments" where "status" = $1 and "assessor_id" = $2 group by "provisional_grade";

-- assessorHistory (the EPAO)
select "provisional_grade", count(*) as "n", sum(case when sampled then 1 else 0 end) as "sampled" from "assessments" where "status" = $1 group by "provisional_grade";

-- openBatchOf
select "id" from "moderation_batches" where "assessor_id" = $1 and "signed_off_at" is null;
insert into "moderation_batches" ("assessor_id") values ($1) returning "id";

-- markSubmitted
update "assessments" set "status" = $1, "submitted_at" = $2, "session_findings" = $3, "provisional_grade" = $4, "grade_detail" = $5, "sampled" = $6, "sample_reasons" = $7, "sample_explanation" = $8, "moderation_status" = $9, "moderation_batch_id" = $10, "version" = version + 1 where "id" = $11 and "version" = $12 and "status" = $13;

-- markBookingHeld
update "bookings" set "status" = $1 where "id" = $2;

-- gradeAsGiven
select "provisional_grade", "grade_detail", "moderation_status", "moderated_grade" from "assessments" where "id" = $1;

-- regrade
update "assessments" set "provisional_grade" = $1, "grade_detail" = $2 where "id" = $3;

-- regrade (moderated again)
update "assessments" set "provisional_grade" = $1, "grade_detail" = $2, "moderation_status" = $3, "sampled" = $4, "sample_reasons" = $5, "sample_explanation" = $6, "moderated_grade" = $7, "moderated_by" = $8, "moderated_at" = $9 where "id" = $10;

-- assessmentsOfAssessor
select "id", "booking_id", "epa_record_id", "method", "attempt", "status", "provisional_grade", "version" from "assessments" where "assessor_id" = $1 order by "created_at" desc;
