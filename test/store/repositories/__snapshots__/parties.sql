-- organisationsOfKind
select "id", "kind", "name", "ukprn", "reference" from "organisations" where "kind" in ($1, $2) order by "name", "id";

-- apprenticeNames
select "id", "given_names", "family_name", "uln" from "apprentices" where "id" in ($1);

-- apprenticeNames (none)
-- (no query)

-- organisationNames
select "id", "name", "kind" from "organisations" where "id" in ($1);

-- organisationKindsOf
select "id", "kind" from "organisations" where "id" in ($1);

-- providersByUkprn
select "id", "ukprn" from "organisations" where "kind" = $1 and "ukprn" in ($2);

-- employersByReference
select "id", "name", "reference" from "organisations" where "kind" = $1 and lower(reference) in ($2, $3);

-- insertEmployers
insert into "organisations" ("id", "kind", "name", "ukprn", "reference") values ($1, $2, $3, $4, $5);
