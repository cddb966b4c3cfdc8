-- lockResultOfRecord
select * from "results" where "id" = $1 and "epa_record_id" = $2 for update;

-- lockResultRow
select * from "results" where "id" = $1 for update;

-- openAppealOf
select "id" from "appeals" where "result_id" = $1 and "status" = $2;

-- insertAppeal
insert into "appeals" ("epa_record_id", "result_id", "lodged_on", "lodged_by", "grounds", "status") values ($1, $2, $3, $4, $5, $6) returning *;

-- lockAppeal
select * from "appeals" where "id" = $1 for update;

-- recordAppealDecision
update "appeals" set "status" = $1, "decided_by" = $2, "decided_on" = $3, "decision" = $4 where "id" = $5;

-- assessorUserIds
select distinct "assessors"."user_id" from "assessments" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" where "assessments"."epa_record_id" = $1;

-- latestAttempts
select "method", max("attempt") as "attempt" from "assessments" where "epa_record_id" = $1 and "status" = $2 group by "method";

-- lockRecordRow
update "epa_records" set "booking_changes" = booking_changes + 1 where "id" = $1 returning *;

-- supersedeResult
update "results" set "status" = $1, "version" = version + 1 where "id" = $2;

-- insertResult
insert into "results" ("epa_record_id", "overall", "capped", "method_grades", "feedback", "final_assessment_on", "due_on", "released_on", "released_by", "status") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *;

-- setRecordStatus
update "epa_records" set "status" = $1, "version" = version + 1, "updated_at" = $2 where "id" = $3;
