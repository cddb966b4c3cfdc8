-- userByEmail
select * from "users" where "email" = $1;

-- recordSignInAttempt
insert into "sign_in_attempts" ("email", "address", "succeeded", "attempted_at") values ($1, $2, $3, $4);

-- replaceSession
delete from "sessions" where "id_hash" = $1;
insert into "sessions" ("id_hash", "user_id", "expires_at") values ($1, $2, $3);

-- deleteSession
delete from "sessions" where "id_hash" = $1;

-- actorRowOfUser
select "users"."id", "users"."role", "users"."organisation_id", "users"."apprentice_id", "users"."name", "assessors"."id" as "assessor_id" from "users" left join "assessors" on "assessors"."user_id" = "users"."id" where "users"."id" = $1;

-- actorRowOfSession
select "users"."id", "users"."role", "users"."organisation_id", "users"."apprentice_id", "users"."name", "assessors"."id" as "assessor_id" from "users" left join "assessors" on "assessors"."user_id" = "users"."id" inner join "sessions" on "sessions"."user_id" = "users"."id" where "sessions"."id_hash" = $1 and "sessions"."expires_at" > $2 and "users"."disabled_at" is null;
