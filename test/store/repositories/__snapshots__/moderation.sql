-- sampledAwaitingModeration
select "assessments"."id", "assessments"."method", "assessments"."attempt", "assessments"."provisional_grade", "assessments"."sample_reasons", "assessments"."sample_explanation", "assessments"."submitted_at", "assessments"."moderation_batch_id", "epa_records"."id" as "record_id", "epa_records"."standard", "apprentices"."given_names", "apprentices"."family_name", "users"."name" as "assessor_name", "users"."id" as "assessor_user_id" from "assessments" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" inner join "users" on "users"."id" = "assessors"."user_id" inner join "epa_records" on "epa_records"."id" = "assessments"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" where "assessments"."moderation_status" = $1 and "assessments"."sampled" = $2 order by "assessments"."submitted_at";

-- openBatches
select "moderation_batches"."id", "moderation_batches"."opened_at", "users"."name" as "assessor_name", "users"."id" as "assessor_user_id", count("assessments"."id") as "assessments", sum(case when assessments.sampled and assessments.moderation_status = 'pending' then 1 else 0 end) as "samples_pending" from "moderation_batches" inner join "assessors" on "assessors"."id" = "moderation_batches"."assessor_id" inner join "users" on "users"."id" = "assessors"."user_id" left join "assessments" on "assessments"."moderation_batch_id" = "moderation_batches"."id" where "moderation_batches"."signed_off_at" is null group by "moderation_batches"."id", "users"."name", "users"."id";

-- moderationOf
select "assessor"."name" as "assessor_name", "assessors"."user_id" as "assessor_user_id", "epa_records"."standard", "assessments"."submitted_at", "assessments"."moderated_at", "assessments"."moderated_grade", "assessments"."moderation_reason", "moderator"."name" as "moderator_name" from "assessments" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" inner join "users" as "assessor" on "assessor"."id" = "assessors"."user_id" inner join "epa_records" on "epa_records"."id" = "assessments"."epa_record_id" left join "users" as "moderator" on "moderator"."id" = "assessments"."moderated_by" where "assessments"."id" = $1;

-- assessmentForModeration
select "assessments"."id", "assessments"."status", "assessments"."moderation_status", "assessments"."provisional_grade", "assessors"."user_id" as "assessor_user_id" from "assessments" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" where "assessments"."id" = $1;

-- recordModeration
update "assessments" set "moderation_status" = $1, "moderated_by" = $2, "moderated_at" = $3, "moderated_grade" = $4, "moderation_reason" = $5 where "id" = $6 and "moderation_status" = $7;

-- batchForSignOff
select "moderation_batches"."id", "moderation_batches"."signed_off_at", "assessors"."user_id" as "assessor_user_id" from "moderation_batches" inner join "assessors" on "assessors"."id" = "moderation_batches"."assessor_id" where "moderation_batches"."id" = $1;

-- undecidedSamples
select "id" from "assessments" where "moderation_batch_id" = $1 and "sampled" = $2 and "moderation_status" = $3;

-- markBatchSignedOff
update "assessments" set "moderation_status" = $1, "moderated_by" = $2, "moderated_at" = $3 where "moderation_batch_id" = $4 and "moderation_status" = $5 returning "id";
update "moderation_batches" set "signed_off_by" = $1, "signed_off_at" = $2 where "id" = $3;
