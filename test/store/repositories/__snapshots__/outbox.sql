-- markAllDelivered
update "outbox" set "sent_at" = $1 where "sent_at" is null returning "id";

-- claimUnsent
select "id", "to_address", "subject", "body" from "outbox" where "sent_at" is null order by "created_at", "id" limit $1 for update skip locked;

-- claimUnsent (skipping failures)
select "id", "to_address", "subject", "body" from "outbox" where "sent_at" is null and "id" not in ($1) order by "created_at", "id" limit $2 for update skip locked;

-- markSent
update "outbox" set "sent_at" = $1 where "id" = $2;
