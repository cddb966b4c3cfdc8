-- recordWithApprentice
select "epa_records"."id", "epa_records"."standard", "epa_records"."policy", "epa_records"."channel", "epa_records"."status", "apprentices"."given_names", "apprentices"."family_name", "apprentices"."uln" from "epa_records" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" where "epa_records"."id" = $1;

-- appealsOfResult
select "id", "lodged_on", "status", "decided_on" from "appeals" where "result_id" = $1 order by "lodged_on";

-- latestResult
select * from "results" where "epa_record_id" = $1 and "status" != $2 order by "created_at" desc;

-- firstAttempts
select "method", "ended_at" from "assessments" where "epa_record_id" = $1 and "status" = $2 and "attempt" = $3;

-- arrangedReattempts
select "method", "kind", "attempt", "planned_on", "window_ends" from "reattempts" where "epa_record_id" = $1 and "used_by_assessment_id" is null order by "planned_on";
