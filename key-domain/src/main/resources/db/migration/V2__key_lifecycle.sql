-- Key lifecycle: roll with grace, disable/enable, per-key rate limits. Every column is nullable, so
-- rows written before this migration (and by tools that know only V1) keep their meaning.

-- The rate-limit window this key spends. NULL means the key's own id; a roll copies the old key's
-- bucket (or id) to the new key, so the pair shares one window at the gateway.
ALTER TABLE api_key ADD COLUMN rate_limit_bucket VARCHAR(32);
-- The key's own limit: both set (requests per window) or both NULL (the gateway's default).
ALTER TABLE api_key ADD COLUMN rate_limit_requests INTEGER;
ALTER TABLE api_key ADD COLUMN rate_limit_window_seconds INTEGER;
-- Set while the key is disabled (rejected like a revoked key, but reversible).
ALTER TABLE api_key ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
-- A roll links the two keys both ways.
ALTER TABLE api_key ADD COLUMN rolled_from VARCHAR(32);
ALTER TABLE api_key ADD COLUMN rolled_to VARCHAR(32);

ALTER TABLE api_key ADD CONSTRAINT api_key_rate_limit_ck CHECK (
    (rate_limit_requests IS NULL AND rate_limit_window_seconds IS NULL)
    OR (rate_limit_requests BETWEEN 1 AND 100000 AND rate_limit_window_seconds BETWEEN 1 AND 3600));
