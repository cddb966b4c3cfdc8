-- openClashesOf
select "id", "uln", "standard_code", "requested_provider_id" from "registration_clashes" where "uln" in ($1, $2) and "status" = $3;

-- insertClash
insert into "registration_clashes" ("uln", "standard", "standard_code", "existing_record_id", "requested_provider_id", "requested_by", "requested_on", "request") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("uln", "standard_code", "requested_provider_id") where "status" = 'open' do nothing returning "id";

-- openClashId
select "id" from "registration_clashes" where "uln" = $1 and "standard_code" = $2 and "requested_provider_id" = $3 and "status" = $4;

-- insertClashes
insert into "registration_clashes" ("id", "uln", "standard", "standard_code", "existing_record_id", "requested_provider_id", "requested_by", "requested_on", "request") values ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- findClash
select * from "registration_clashes" where "id" = $1;

-- clashRows
select "registration_clashes"."id", "registration_clashes"."status", "registration_clashes"."uln", "registration_clashes"."standard", "registration_clashes"."requested_provider_id", "registration_clashes"."requested_on", "registration_clashes"."request", "registration_clashes"."decided_at", "registration_clashes"."reason", "registration_clashes"."new_record_id", "registration_clashes"."existing_record_id", "registration_clashes"."requested_by", "registration_clashes"."created_at" from "registration_clashes" order by "created_at", "id" limit $1;

-- clashRowsOfProviderAndStatus
select "registration_clashes"."id", "registration_clashes"."status", "registration_clashes"."uln", "registration_clashes"."standard", "registration_clashes"."requested_provider_id", "registration_clashes"."requested_on", "registration_clashes"."request", "registration_clashes"."decided_at", "registration_clashes"."reason", "registration_clashes"."new_record_id", "registration_clashes"."existing_record_id", "registration_clashes"."requested_by", "registration_clashes"."created_at" from "registration_clashes" where "requested_provider_id" = $1 and "status" = $2 order by "created_at", "id" limit $3;

-- clashRow
select "registration_clashes"."id", "registration_clashes"."status", "registration_clashes"."uln", "registration_clashes"."standard", "registration_clashes"."requested_provider_id", "registration_clashes"."requested_on", "registration_clashes"."request", "registration_clashes"."decided_at", "registration_clashes"."reason", "registration_clashes"."new_record_id", "registration_clashes"."existing_record_id", "registration_clashes"."requested_by", "registration_clashes"."created_at" from "registration_clashes" where "id" = $1;

-- clashedRecords
select "epa_records"."id", "epa_records"."status", "epa_records"."standard", "epa_records"."registered_on", "epa_records"."start_date", "apprentices"."given_names", "apprentices"."family_name", "organisations"."id" as "provider_id", "organisations"."name" as "provider_name" from "epa_records" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" on "organisations"."id" = "apprentices"."provider_id" where "epa_records"."id" in ($1);

-- requesterNames
select "id", "name" from "organisations" where "id" in ($1);
select "id", "name" from "users" where "id" in ($1);

-- clashToDecide
select "status", "request" from "registration_clashes" where "id" = $1;

-- lockClash
select * from "registration_clashes" where "id" = $1 for update;

-- closeClashRejected
update "registration_clashes" set "status" = $1, "reason" = $2, "decided_by" = $3, "decided_at" = $4, "version" = version + 1 where "id" = $5;

-- closeClashTransferred
update "registration_clashes" set "status" = $1, "new_record_id" = $2, "decided_by" = $3, "decided_at" = $4, "version" = version + 1 where "id" = $5;
