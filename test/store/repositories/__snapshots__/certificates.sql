-- lockCurrentResult
select * from "results" where "epa_record_id" = $1 and "status" in ($2, $3) for update;

-- recordForCertificate
select "epa_records"."id", "epa_records"."status", "epa_records"."uln", "epa_records"."standard", "epa_records"."standard_code", "epa_records"."policy", "apprentices"."given_names", "apprentices"."family_name", "employer"."id" as "employer_id", "employer"."name" as "employer_name" from "epa_records" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" as "employer" on "employer"."id" = "apprentices"."employer_id" where "epa_records"."id" = $1;

-- findCertificate
select "certificates"."id", "certificates"."version", "certificates"."status", "certificates"."epa_record_id" as "record_id", "certificates"."result_id", "certificates"."claimed_given_names" as "given_names", "certificates"."claimed_family_name" as "family_name", "certificates"."claimed_uln" as "uln", "certificates"."requested_on", "certificates"."issued_on", "certificates"."sent_on", "certificates"."reprints", "results"."overall" as "grade", "results"."status" as "result_status", "epa_records"."standard", "employer"."id" as "employer_id", "employer"."name" as "employer_name" from "certificates" inner join "results" on "results"."id" = "certificates"."result_id" inner join "epa_records" on "epa_records"."id" = "certificates"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" as "employer" on "employer"."id" = "apprentices"."employer_id" where "certificates"."id" = $1;

-- listCertificateRows
select "certificates"."id", "certificates"."version", "certificates"."status", "certificates"."epa_record_id" as "record_id", "certificates"."result_id", "certificates"."claimed_given_names" as "given_names", "certificates"."claimed_family_name" as "family_name", "certificates"."claimed_uln" as "uln", "certificates"."requested_on", "certificates"."issued_on", "certificates"."sent_on", "certificates"."reprints", "results"."overall" as "grade", "results"."status" as "result_status", "epa_records"."standard", "employer"."id" as "employer_id", "employer"."name" as "employer_name" from "certificates" inner join "results" on "results"."id" = "certificates"."result_id" inner join "epa_records" on "epa_records"."id" = "certificates"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" as "employer" on "employer"."id" = "apprentices"."employer_id" order by "certificates"."created_at" desc limit $1;

-- listCertificateRows (by status and record)
select "certificates"."id", "certificates"."version", "certificates"."status", "certificates"."epa_record_id" as "record_id", "certificates"."result_id", "certificates"."claimed_given_names" as "given_names", "certificates"."claimed_family_name" as "family_name", "certificates"."claimed_uln" as "uln", "certificates"."requested_on", "certificates"."issued_on", "certificates"."sent_on", "certificates"."reprints", "results"."overall" as "grade", "results"."status" as "result_status", "epa_records"."standard", "employer"."id" as "employer_id", "employer"."name" as "employer_name" from "certificates" inner join "results" on "results"."id" = "certificates"."result_id" inner join "epa_records" on "epa_records"."id" = "certificates"."epa_record_id" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" as "employer" on "employer"."id" = "apprentices"."employer_id" where "certificates"."status" = $1 and "certificates"."epa_record_id" = $2 order by "certificates"."created_at" desc limit $3;

-- certificateOfResult
select "id" from "certificates" where "result_id" = $1;

-- insertCertificate
insert into "certificates" ("epa_record_id", "result_id", "claimed_given_names", "claimed_family_name", "claimed_uln", "requested_on", "status") values ($1, $2, $3, $4, $5, $6, $7) returning "id", "requested_on";

-- lockCertificate
select * from "certificates" where "id" = $1 for update;

-- recordCertificateStep
update "certificates" set "status" = $1, "issued_on" = $2, "version" = version + 1 where "id" = $3;

-- recordCertificateStep (reprint)
update "certificates" set "status" = $1, "reprints" = $2, "version" = version + 1 where "id" = $3;

-- employerOfRecord
select "employer"."id" as "employer_id", "employer"."name" from "epa_records" inner join "apprentices" on "apprentices"."id" = "epa_records"."apprentice_id" inner join "organisations" as "employer" on "employer"."id" = "apprentices"."employer_id" where "epa_records"."id" = $1;
