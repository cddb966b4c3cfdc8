-- lockRecordForCase
select "epa_records"."id", (select "malpractice_cases"."id" from "malpractice_cases" where "malpractice_cases"."epa_record_id" = "epa_records"."id" and "malpractice_cases"."status" = $1 limit $2) as "open_case_id" from "epa_records" where "epa_records"."id" = $3 for update of "epa_records";

-- insertCase
insert into "malpractice_cases" ("epa_record_id", "result_id", "opened_by", "opened_on", "allegation", "status") values ($1, $2, $3, $4, $5, $6) returning *;

-- lockCase
select * from "malpractice_cases" where "id" = $1 for update;

-- decideCase
update "malpractice_cases" set "status" = $1, "outcome" = $2, "decided_by" = $3, "decided_on" = $4, "notes" = $5 where "id" = $6;

-- lockResult
select "id", "status", "version" from "results" where "id" = $1 for update;

-- setResultStatus
update "results" set "status" = $1, "version" = version + 1 where "id" = $2;

-- certificatesOfResult
select "id", "status", "sent_on" from "certificates" where "result_id" = $1;
