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
