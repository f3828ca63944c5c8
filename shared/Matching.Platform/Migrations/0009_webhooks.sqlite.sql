-- Webhook subscribers (e.g. a recruiting firm's own system): one endpoint per owner and program.
CREATE TABLE webhook_subscriptions (
    subscription_id TEXT NOT NULL PRIMARY KEY,
    program         TEXT NOT NULL,
    owner_key       TEXT NOT NULL,
    url             TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_webhook_subscriptions_owner ON webhook_subscriptions (program, owner_key);

-- Signing secrets. A rotated-out secret keeps signing until expires_at, so a receiver can switch secrets without a gap.
CREATE TABLE webhook_secrets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL,
    secret          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NULL
);
CREATE INDEX ix_webhook_secrets_subscription ON webhook_secrets (subscription_id, id);

-- Deliveries, queued in the transaction of the change that causes them. status: Pending, Delivered or Failed;
-- due_at and locked_until in Unix ms; finished_at when delivered or failed for good.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id      TEXT    NOT NULL,
    subscription_id  TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    ordering_key     TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    due_at           INTEGER NOT NULL,
    lock_owner       TEXT    NULL,
    locked_until     INTEGER NULL,
    last_attempt_at  TEXT    NULL,
    last_status_code INTEGER NULL,
    last_error       TEXT    NULL,
    finished_at      TEXT    NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_delivery_id ON webhook_deliveries (delivery_id);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (id) WHERE status = 'Pending';
CREATE INDEX ix_webhook_deliveries_key ON webhook_deliveries (subscription_id, ordering_key, id) WHERE status = 'Pending';
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
