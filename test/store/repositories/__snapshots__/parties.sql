-- organisationsOfKind
select "id", "kind", "name", "ukprn" from "organisations" where "kind" in ($1, $2) order by "name", "id";

-- apprenticeNames
select "id", "given_names", "family_name", "uln" from "apprentices" where "id" in ($1);

-- apprenticeNames (none)
-- (no query)

-- organisationNames
select "id", "name", "kind" from "organisations" where "id" in ($1);

-- organisationKindsOf
select "id", "kind" from "organisations" where "id" in ($1);
