-- Events waiting to leave the service, written in the same transaction as the change that caused them.
CREATE TABLE outbox_messages (
    id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_outbox_messages PRIMARY KEY,
    message_id   UNIQUEIDENTIFIER NOT NULL,
    message_type NVARCHAR(400)    NOT NULL,
    body         NVARCHAR(MAX)    NOT NULL,
    program      NVARCHAR(64)     NOT NULL,
    created_at   DATETIMEOFFSET   NOT NULL,
    lock_owner   NVARCHAR(100)    NULL,
    locked_until BIGINT           NULL,
    sent_at      DATETIMEOFFSET   NULL,
    attempts     INT              NOT NULL CONSTRAINT df_outbox_messages_attempts DEFAULT 0
);
CREATE UNIQUE INDEX ux_outbox_messages_message_id ON outbox_messages (message_id);
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;

-- Messages this service has consumed, one row per (message, consumer); duplicates counts redeliveries.
CREATE TABLE inbox_messages (
    message_id  UNIQUEIDENTIFIER NOT NULL,
    consumer    NVARCHAR(200)    NOT NULL,
    received_at DATETIMEOFFSET   NOT NULL,
    duplicates  INT              NOT NULL CONSTRAINT df_inbox_messages_duplicates DEFAULT 0,
    CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
);
