-- lockResultOfRecord
select * from "results" where "id" = $1 and "epa_record_id" = $2 for update;

-- lockResultRow
select * from "results" where "id" = $1 for update;

-- openAppealOf
select "id" from "appeals" where "result_id" = $1 and "status" = $2;

-- insertAppeal
insert into "appeals" ("epa_record_id", "result_id", "lodged_on", "lodged_by", "grounds", "evidence", "status") values ($1, $2, $3, $4, $5, $6, $7) returning *;

-- lockAppeal
select * from "appeals" where "id" = $1 for update;

-- recordAppealDecision
update "appeals" set "status" = $1, "decided_by" = $2, "decided_on" = $3, "decision" = $4 where "id" = $5;

-- assessorUserIds
select distinct "assessors"."user_id" from "assessments" inner join "assessors" on "assessors"."id" = "assessments"."assessor_id" where "assessments"."epa_record_id" = $1;

-- moderatorUserIds
select distinct "moderated_by" from "assessments" where "epa_record_id" = $1 and "moderated_by" is not null;

-- acknowledgeAppealRow
update "appeals" set "acknowledged_on" = $1, "acknowledged_by" = $2 where "id" = $3 returning *;

-- assignReviewerRow
update "appeals" set "reviewer_id" = $1, "reviewer_assigned_on" = $2, "acknowledged_on" = coalesce(acknowledged_on, $3::date) where "id" = $4 returning *;

-- openAppealOfRecord
select "appeals"."id", "appeals"."lodged_on" from "appeals" inner join "results" on "results"."id" = "appeals"."result_id" where "appeals"."epa_record_id" = $1 and "appeals"."status" = $2 and "results"."status" = $3;

-- reviewerCandidates
select "id", "name", "role" from "users" where "role" in ($1, $2, $3) and "disabled_at" is null order by "name", "id" limit $4;

-- userById
select "id", "name", "email", "role" from "users" where "id" = $1 and "disabled_at" is null;

-- appealDetail
select "appeals".*, "results"."released_on", "results"."overall", "results"."method_grades", "apprentices"."given_names", "apprentices"."family_name", "apprentices"."email" as "apprentice_email", "epa_records"."standard", "lodger"."name" as "lodger_name", "lodger"."email" as "lodger_email", "lodger"."role" as "lodger_role", "reviewer"."name" as "reviewer_name", "reviewer"."email" as "reviewer_email" from "appeals" inner join "epa_records" on "epa_records"."id" = "appeals"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "results" on "results"."id" = "appeals"."result_id" left join "users" as "lodger" on "lodger"."id" = "appeals"."lodged_by" left join "users" as "reviewer" on "reviewer"."id" = "appeals"."reviewer_id" where "appeals"."id" = $1;

-- openAppeals
select "appeals"."id", "appeals"."epa_record_id", "appeals"."lodged_on", "appeals"."acknowledged_on", "appeals"."status", "apprentices"."given_names", "apprentices"."family_name", "reviewer"."name" as "reviewer_name" from "appeals" inner join "epa_records" on "epa_records"."id" = "appeals"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" left join "users" as "reviewer" on "reviewer"."id" = "appeals"."reviewer_id" where "appeals"."status" = $1 and ("appeals"."lodged_on" > $2 or ("appeals"."lodged_on" = $3 and "appeals"."id" > $4)) order by "appeals"."lodged_on", "appeals"."id" limit $5;

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
