-- A workspace's own request rate limit (token bucket: sustained requests per second, burst size). NULL: the
-- gateway's configured default applies (praetor.gateway.rate-limit.*).
ALTER TABLE workspace
    ADD COLUMN rate_limit_per_second double precision,
    ADD COLUMN rate_limit_burst      integer,
    ADD CONSTRAINT ck_workspace_rate_limit CHECK (
        (rate_limit_per_second IS NULL AND rate_limit_burst IS NULL)
        OR (rate_limit_per_second > 0 AND rate_limit_burst >= 1));
