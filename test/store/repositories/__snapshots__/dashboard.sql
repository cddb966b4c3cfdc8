-- recordCounts
select "standard", "status", count(*) as "count" from "epa_records" group by "standard", "status" order by "standard";

-- firstEpaoName
select "name" from "organisations" where "kind" = $1 order by "created_at" limit $2;

-- organisationName
select "name" from "organisations" where "id" = $1;

-- usersOfDomain
select "email", "name", "role" from "users" where "email" like $1 order by "email";
