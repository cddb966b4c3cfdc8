-- recordForWithdrawal
select "status", "version", "withdrawn_on", "standard", "policy" from "epa_records" where "id" = $1 for update;

-- markWithdrawn
update "epa_records" set "status" = $1, "withdrawn_on" = $2, "withdrawal_reason" = $3, "version" = version + 1, "updated_at" = $4 where "id" = $5;

-- withdrawalOf
select "withdrawn_on", "withdrawal_reason" from "epa_records" where "id" = $1;

-- bookingsToCome
select "id", "status", "version", "starts_at", "method" from "bookings" where "epa_record_id" = $1 and "status" = $2 and "starts_at" > $3 order by "starts_at" for update;

-- cancelForWithdrawal
update "bookings" set "status" = $1, "cancelled_on" = $2, "cancellation_reason" = $3, "cancellation_charge" = $4, "version" = version + 1 where "id" = $5;
