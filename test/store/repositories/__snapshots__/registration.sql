-- insertRecords
insert into "epa_records" ("id", "uln", "standard", "standard_code", "policy", "status", "start_date", "planned_end_date", "registered_on", "channel", "extra_time_percent", "adjustments", "updated_at", "apprentice_id") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);

-- insertApprentices
insert into "apprentices" ("id", "uln", "given_names", "family_name", "date_of_birth", "email", "ehcp", "provider_id", "employer_id", "identity_key") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- peopleOfUlns
select "apprentices"."id", "apprentices"."uln", "apprentices"."given_names", "apprentices"."family_name", "apprentices"."date_of_birth", "apprentices"."email", "apprentices"."ehcp", "apprentices"."provider_id", "apprentices"."employer_id", "epa_records"."id" as "record_id", "epa_records"."standard", "epa_records"."standard_code" from "apprentices" left join "epa_records" on "epa_records"."apprentice_id" = "apprentices"."id" and "epa_records"."status" not in ($1, $2) where "apprentices"."uln" in ($3) order by "apprentices"."created_at", "apprentices"."id";

-- registrationFacts

    select
      coalesce((select json_agg(json_build_object('id', o.id, 'kind', o.kind, 'name', o.name))
                from organisations o where o.id = any($1::uuid[])), '[]') as organisations,
      coalesce((select json_agg(json_build_object(
                  'id', a.id, 'uln', a.uln, 'givenNames', a.given_names, 'familyName', a.family_name, 'dateOfBirth', a.date_of_birth,
                  'email', a.email, 'ehcp', a.ehcp, 'providerId', a.provider_id, 'employerId', a.employer_id,
                  'recordId', r.id, 'standard', r.standard, 'standardCode', r.standard_code) order by a.created_at, a.id)
                from apprentices a
                left join epa_records r on r.apprentice_id = a.id and r.status not in ('withdrawn', 'completed')
                where a.uln = $2 and $3), '[]') as learner;

-- insertRegistration (a person on record)
with audit as (insert into audit_log (at, actor_id, actor, action, entity, entity_id, before, after)
    values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)) insert into epa_records (apprentice_id, id, uln, standard, standard_code, policy, status, start_date, planned_end_date, registered_on, channel, extra_time_percent, adjustments, updated_at) values ($9, 
    $10, $11, $12, $13, $14, $15, $16,
    $17, $18, $19, $20, $21, $22);

-- insertRegistration (a new person)

    with audit as (insert into audit_log (at, actor_id, actor, action, entity, entity_id, before, after)
    values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)),
    apprentice as (
      insert into apprentices (id, uln, given_names, family_name, date_of_birth, email, ehcp, provider_id, employer_id, identity_key)
      values ($9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
      returning id
    )
    insert into epa_records (apprentice_id, id, uln, standard, standard_code, policy, status, start_date, planned_end_date, registered_on, channel, extra_time_percent, adjustments, updated_at) select apprentice.id, 
    $19, $20, $21, $22, $23, $24, $25,
    $26, $27, $28, $29, $30, $31 from apprentice;
