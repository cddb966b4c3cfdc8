-- insertReattempt
insert into "reattempts" ("epa_record_id", "method", "kind", "attempt", "previous_assessment_id", "exceptional_circumstances", "exceptional_reason", "planned_on", "window_ends", "requested_by") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *;

-- unusedReattempt
select * from "reattempts" where "epa_record_id" = $1 and "method" = $2 and "used_by_assessment_id" is null;

-- markReattemptUsed
update "reattempts" set "used_by_assessment_id" = $1 where "id" = $2;

-- exceptionalCircumstancesRecorded
select "id" from "reattempts" where "epa_record_id" = $1 and "exceptional_circumstances" = $2;
