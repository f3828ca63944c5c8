-- Events waiting to leave the service, written in the same transaction as the change that caused them.
CREATE TABLE outbox_messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   TEXT    NOT NULL,
    message_type TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    program      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    lock_owner   TEXT    NULL,
    locked_until INTEGER NULL,
    sent_at      TEXT    NULL,
    attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_outbox_messages_message_id ON outbox_messages (message_id);
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;

-- Messages this service has consumed, one row per (message, consumer); duplicates counts redeliveries.
CREATE TABLE inbox_messages (
    message_id  TEXT    NOT NULL,
    consumer    TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, consumer)
);
