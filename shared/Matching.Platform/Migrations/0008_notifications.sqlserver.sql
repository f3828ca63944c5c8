-- Notifications to people (e-mail first), written in the same transaction as the change that causes them.
-- status: Queued, Sent or Failed. locked_until (Unix ms) is a replica's lease, or the time a retry is due.
CREATE TABLE notifications (
    id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_notifications PRIMARY KEY,
    notification_id UNIQUEIDENTIFIER NOT NULL,
    program         NVARCHAR(64)     NOT NULL,
    dedup_key       NVARCHAR(400)    NOT NULL,
    channel         NVARCHAR(40)     NOT NULL,
    recipient       NVARCHAR(320)    NOT NULL,
    subject         NVARCHAR(1000)   NOT NULL,
    body            NVARCHAR(MAX)    NOT NULL,
    link            NVARCHAR(2000)   NULL,
    status          NVARCHAR(20)     NOT NULL,
    created_at      DATETIMEOFFSET   NOT NULL,
    attempts        INT              NOT NULL CONSTRAINT df_notifications_attempts DEFAULT 0,
    lock_owner      NVARCHAR(100)    NULL,
    locked_until    BIGINT           NULL,
    last_error      NVARCHAR(1000)   NULL,
    sent_at         DATETIMEOFFSET   NULL,
    failed_at       DATETIMEOFFSET   NULL
);
CREATE UNIQUE INDEX ux_notifications_notification_id ON notifications (notification_id);
-- Queueing the same occasion twice writes one row.
CREATE UNIQUE INDEX ux_notifications_dedup_key ON notifications (program, dedup_key);
CREATE INDEX ix_notifications_queued ON notifications (id) WHERE status = 'Queued';
