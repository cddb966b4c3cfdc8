-- assessorRows
select "assessors"."id", "assessors"."version", "assessors"."user_id", "assessors"."standards", "assessors"."standardised_on", "assessors"."qualifications", "assessors"."max_per_day", "assessors"."max_per_week", "assessors"."home_region", "users"."name", "users"."email" from "assessors" inner join "users" on "users"."id" = "assessors"."user_id" order by "users"."name", "assessors"."id";

-- assessorRowsOfIds
select "assessors"."id", "assessors"."version", "assessors"."user_id", "assessors"."standards", "assessors"."standardised_on", "assessors"."qualifications", "assessors"."max_per_day", "assessors"."max_per_week", "assessors"."home_region", "users"."name", "users"."email" from "assessors" inner join "users" on "users"."id" = "assessors"."user_id" where "assessors"."id" in ($1, $2) order by "users"."name", "assessors"."id";

-- relationshipsOf
select * from "assessor_relationships" where "assessor_id" in ($1) order by "declared_at", "id";

-- availabilityOf
select * from "assessor_availability" where "assessor_id" in ($1) order by "starts_at", "id";

-- insertAssessor
insert into "users" ("email", "name", "role", "organisation_id", "apprentice_id", "password_hash") values ($1, $2, $3, $4, $5, $6) returning "id";

-- updateAssessorRow
update "assessors" set "standards" = $1, "standardised_on" = $2, "qualifications" = $3, "version" = version + 1 where "id" = $4 and "version" = $5;

-- updateAssessorRowWorkload
update "assessors" set "max_per_day" = $1, "max_per_week" = $2, "home_region" = $3, "version" = version + 1 where "id" = $4 and "version" = $5;

-- renameUser
update "users" set "name" = $1 where "id" = $2;

-- lockAssessorRow
select "id" from "assessors" where "id" = $1 for update;

-- apprenticeExists
select "id" from "apprentices" where "id" = $1;

-- organisationKind
select "kind" from "organisations" where "id" = $1;

-- insertRelationship
insert into "assessor_relationships" ("assessor_id", "apprentice_id", "organisation_id", "nature") values ($1, $2, $3, $4) returning "id", "apprentice_id", "organisation_id", "nature", "declared_at";

-- insertAvailability
insert into "assessor_availability" ("assessor_id", "starts_at", "ends_at") values ($1, $2, $3) returning "id", "starts_at", "ends_at";
