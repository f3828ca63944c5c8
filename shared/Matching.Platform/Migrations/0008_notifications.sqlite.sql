-- Notifications to people (e-mail first), written in the same transaction as the change that causes them.
-- status: Queued, Sent or Failed. locked_until (Unix ms) is a replica's lease, or the time a retry is due.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id TEXT    NOT NULL,
    program         TEXT    NOT NULL,
    dedup_key       TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    link            TEXT    NULL,
    status          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lock_owner      TEXT    NULL,
    locked_until    INTEGER NULL,
    last_error      TEXT    NULL,
    sent_at         TEXT    NULL,
    failed_at       TEXT    NULL
);
CREATE UNIQUE INDEX ux_notifications_notification_id ON notifications (notification_id);
-- Queueing the same occasion twice writes one row.
CREATE UNIQUE INDEX ux_notifications_dedup_key ON notifications (program, dedup_key);
CREATE INDEX ix_notifications_queued ON notifications (id) WHERE status = 'Queued';
