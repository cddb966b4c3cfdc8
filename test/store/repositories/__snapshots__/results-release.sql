-- epaRecordRow
select * from "epa_records" where "id" = $1;

-- standingResult
select * from "results" where "epa_record_id" = $1 and "status" in ($2, $3, $4) order by "created_at" desc;

-- releasedResultOf
select "id", "created_at" from "results" where "epa_record_id" = $1 and "status" = $2;

-- submittedAfter
select "id" from "assessments" where "epa_record_id" = $1 and "status" = $2 and "submitted_at" > $3;

-- releaseHolds
select (select "id" from "malpractice_cases" where "epa_record_id" = $1 and "status" = $2 limit $3) as "open_case_id", (select "id" from "results" where "epa_record_id" = $4 and "status" = $5 limit $6) as "suspended_result_id";

-- lockRecordForRelease
update "epa_records" set "booking_changes" = booking_changes + 1 where "id" = $1 returning "id";

-- supersedeReleased
update "results" set "status" = $1 where "epa_record_id" = $2 and "status" = $3;

-- provisionalGradeOf
select "provisional_grade" from "assessments" where "id" = $1;

-- firstAttemptEnd
select "ended_at" from "assessments" where "epa_record_id" = $1 and "method" = $2 and "attempt" = $3;
