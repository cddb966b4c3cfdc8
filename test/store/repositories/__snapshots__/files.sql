-- recordForUpload
select "standard", "status" from "epa_records" where "id" = $1;

-- insertFile
insert into "files" ("epa_record_id", "purpose", "file_name", "media_type", "size_bytes", "sha256", "storage_key", "ksbs", "uploaded_by") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *;

-- filesOfRecord
select * from "files" where "epa_record_id" = $1 order by "uploaded_at", "id";

-- filesOfRecord (one purpose)
select * from "files" where "epa_record_id" = $1 and "purpose" = $2 order by "uploaded_at", "id";

-- findFile
select * from "files" where "id" = $1;

-- deleteUnsubmittedFile
delete from "files" where "id" = $1 and "uploaded_by" = $2 and "purpose" in ($3, $4) and not exists (select "submissions"."id" from "submissions" where "submissions"."file_id" = "files"."id") returning "id", "epa_record_id", "purpose", "file_name", "size_bytes", "sha256";
