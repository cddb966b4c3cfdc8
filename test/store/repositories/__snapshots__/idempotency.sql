-- claimKey
insert into "idempotency_keys" ("actor", "key", "request_hash", "status", "response") values ($1, $2, $3, $4, $5) on conflict ("actor", "key") do nothing returning "key";

-- storeResponse
update "idempotency_keys" set "status" = $1, "response" = $2 where "actor" = $3 and "key" = $4;

-- releaseKey
delete from "idempotency_keys" where "actor" = $1 and "key" = $2;

-- releaseKey (only unanswered)
delete from "idempotency_keys" where "actor" = $1 and "key" = $2 and "status" = $3;

-- storedKey
select "request_hash", "status", "response", "created_at" from "idempotency_keys" where "actor" = $1 and "key" = $2;
