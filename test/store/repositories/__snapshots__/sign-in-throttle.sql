-- lockCounters
insert into "sign_in_throttle" ("key", "failures", "last_failure_at", "blocked_until") values ($1, $2, $3, $4), ($5, $6, $7, $8) on conflict ("key") do update set "key" = "excluded"."key" returning *;

-- writeCounter
update "sign_in_throttle" set "failures" = $1, "last_failure_at" = $2, "blocked_until" = $3 where "key" = $4;

-- writeCounter (clean slate)
delete from "sign_in_throttle" where "key" = $1;

-- deleteForgottenCounters

    delete from sign_in_throttle where key in (
      select key from sign_in_throttle
      where last_failure_at < $1 and (blocked_until is null or blocked_until <= $2)
      for update skip locked
    );
