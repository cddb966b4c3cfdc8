-- insertToken
insert into "api_tokens" ("token_hash", "name", "scope", "user_id", "created_at", "expires_at") values ($1, $2, $3, $4, $5, $6) returning "id";

-- tokensOfUser
select "id", "name", "scope", "created_at", "expires_at", "last_used_at", "revoked_at" from "api_tokens" where "user_id" = $1 order by "created_at" desc, "id" desc;

-- revokeToken
update "api_tokens" set "revoked_at" = $1 where "id" = $2 and "user_id" = $3 and "revoked_at" is null;

-- liveToken
with "token" as (select "id", "user_id", "scope" from "api_tokens" where "token_hash" = $1 and "revoked_at" is null and "expires_at" > $2), "touched" as (update "api_tokens" set "last_used_at" = $3 where "id" in (select "token"."id" from "token") and ("last_used_at" is null or "last_used_at" <= $4) returning "api_tokens"."id") select "users"."id" as "user_id", "users"."role", "users"."organisation_id", "users"."apprentice_id", "users"."name", "assessors"."id" as "assessor_id", "token"."id" as "token_id", "token"."scope" from "token" inner join "users" on "users"."id" = "token"."user_id" left join "assessors" on "assessors"."user_id" = "users"."id" where "users"."disabled_at" is null;
