-- evidenceFilesOf
select "id", "purpose", "ksbs" from "files" where "epa_record_id" = $1 order by "uploaded_at", "id";

-- markGatewaySubmitted
update "epa_records" set "status" = $1, "showcase_format" = $2, "version" = version + 1, "updated_at" = $3 where "id" = $4 and "status" in ($5, $6);

-- insertGatewaySubmission
insert into "gateway_submissions" ("epa_record_id", "submitted_by", "submitted_on", "request", "outcome", "status") values ($1, $2, $3, $4, $5, $6) returning "id";

-- gatewaySubmission
select * from "gateway_submissions" where "id" = $1;

-- gatewaySubmissionsOf
select * from "gateway_submissions" where "epa_record_id" = $1 order by "submitted_at" desc, "id";

-- submissionForDecision
select "apprentices"."given_names", "apprentices"."family_name", "gateway_submissions"."status", "gateway_submissions"."epa_record_id", "gateway_submissions"."outcome", "epa_records"."standard", "epa_records"."policy", "epa_records"."status" as "record_status" from "gateway_submissions" inner join "epa_records" on "epa_records"."id" = "gateway_submissions"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" where "gateway_submissions"."id" = $1;

-- markGatewayDecided
update "gateway_submissions" set "status" = $1, "decided_by" = $2, "decided_at" = $3, "reasons" = $4 where "id" = $5 and "status" = $6;

-- gatewayDatesOf
select "status", "gateway_approved_on", "epa_start", "epa_end" from "epa_records" where "id" = $1;

-- applyGatewayDecision
update "epa_records" set "status" = $1, "gateway_approved_on" = $2, "epa_start" = $3, "epa_end" = $4, "version" = version + 1, "updated_at" = $5 where "id" = $6 and "status" = $7;
