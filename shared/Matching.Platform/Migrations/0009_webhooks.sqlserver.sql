-- Webhook subscribers (e.g. a recruiting firm's own system): one endpoint per owner and program.
CREATE TABLE webhook_subscriptions (
    subscription_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
    program         NVARCHAR(64)     NOT NULL,
    owner_key       NVARCHAR(200)    NOT NULL,
    url             NVARCHAR(2000)   NOT NULL,
    created_at      DATETIMEOFFSET   NOT NULL,
    updated_at      DATETIMEOFFSET   NOT NULL
);
CREATE UNIQUE INDEX ux_webhook_subscriptions_owner ON webhook_subscriptions (program, owner_key);

-- Signing secrets. A rotated-out secret keeps signing until expires_at, so a receiver can switch secrets without a gap.
CREATE TABLE webhook_secrets (
    id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_webhook_secrets PRIMARY KEY,
    subscription_id UNIQUEIDENTIFIER NOT NULL,
    secret          NVARCHAR(200)    NOT NULL,
    created_at      DATETIMEOFFSET   NOT NULL,
    expires_at      DATETIMEOFFSET   NULL
);
CREATE INDEX ix_webhook_secrets_subscription ON webhook_secrets (subscription_id, id);

-- Deliveries, queued in the transaction of the change that causes them. status: Pending, Delivered or Failed;
-- due_at and locked_until in Unix ms; finished_at when delivered or failed for good.
CREATE TABLE webhook_deliveries (
    id               BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
    delivery_id      NVARCHAR(64)     NOT NULL,
    subscription_id  UNIQUEIDENTIFIER NOT NULL,
    event_type       NVARCHAR(200)    NOT NULL,
    ordering_key     NVARCHAR(200)    NOT NULL,
    payload          NVARCHAR(MAX)    NOT NULL,
    status           NVARCHAR(20)     NOT NULL,
    attempts         INT              NOT NULL CONSTRAINT df_webhook_deliveries_attempts DEFAULT 0,
    created_at       DATETIMEOFFSET   NOT NULL,
    due_at           BIGINT           NOT NULL,
    lock_owner       NVARCHAR(100)    NULL,
    locked_until     BIGINT           NULL,
    last_attempt_at  DATETIMEOFFSET   NULL,
    last_status_code INT              NULL,
    last_error       NVARCHAR(1000)   NULL,
    finished_at      DATETIMEOFFSET   NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_delivery_id ON webhook_deliveries (delivery_id);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (id) WHERE status = 'Pending';
CREATE INDEX ix_webhook_deliveries_key ON webhook_deliveries (subscription_id, ordering_key, id) WHERE status = 'Pending';
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
