-- hasUsers
select "id" from "users" limit $1;

-- demoMarked
select "loaded_at" from "demo_data";

-- markDemoLoaded
insert into "demo_data" ("loaded_at") values ($1) on conflict do nothing;

-- insertOrganisation
insert into "organisations" ("kind", "name", "ukprn") values ($1, $2, $3) returning "id";

-- insertStaffUser
insert into "users" ("email", "name", "role", "organisation_id", "password_hash") values ($1, $2, $3, $4, $5) returning "id";

-- insertApprenticeUser
insert into "users" ("email", "name", "role", "apprentice_id", "password_hash") values ($1, $2, $3, $4, $5) returning "id";

-- releasedResultId
select "id" from "results" where "epa_record_id" = $1 and "status" = $2;

-- bookedSession
select "id", "assessor_id" from "bookings" where "epa_record_id" = $1 and "method" = $2 and "status" = $3;

-- deliveryOf
select "channel", "showcase_format" from "epa_records" where "id" = $1;

-- awaitingModeration
select "id", "sampled", "moderation_batch_id" from "assessments" where "epa_record_id" = $1 and "moderation_status" = $2;

-- batchSignedOff
select "signed_off_at" from "moderation_batches" where "id" = $1;
