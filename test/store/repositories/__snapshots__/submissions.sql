-- uploadedFile
select "id", "purpose", "media_type", "storage_key" from "files" where "id" = $1 and "epa_record_id" = $2;

-- bookedAssessments
select "method", "starts_at", "booked_on" from "bookings" where "epa_record_id" = $1 and "status" = $2;

-- insertSubmission
insert into "submissions" ("epa_record_id", "kind", "file_id", "submitted_on", "word_count", "outcome") values ($1, $2, $3, $4, $5, $6) returning "id";

-- submissionsOf
select * from "submissions" where "epa_record_id" = $1 order by "created_at" desc, "id";
