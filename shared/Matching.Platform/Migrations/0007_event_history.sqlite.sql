-- Event history: sent outbox rows are kept (Matching:History:KeepFor decides for how long) and replayed on request.
CREATE INDEX ix_outbox_messages_created_at ON outbox_messages (created_at);
CREATE INDEX ix_outbox_messages_type ON outbox_messages (message_type, id);

-- Consumer side: each catch-up this service asked for, and the answer of each publisher it waits for.
CREATE TABLE catch_ups (
    request_id   TEXT NOT NULL PRIMARY KEY,
    reason       TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    since        TEXT NULL,
    targets      TEXT NOT NULL,
    finished_at  TEXT NULL
);
CREATE TABLE catch_up_answers (
    request_id  TEXT    NOT NULL,
    publisher   TEXT    NOT NULL,
    asked_at    TEXT    NOT NULL,
    replayed    INTEGER NULL,
    answered_at TEXT    NULL,
    ended       TEXT    NULL,
    drained_at  TEXT    NULL,
    PRIMARY KEY (request_id, publisher)
);
-- The consumer queues a catch-up was asked for once: a queue new in a release catches up on its first start.
CREATE TABLE catch_up_queues (
    queue        TEXT NOT NULL PRIMARY KEY,
    request_id   TEXT NOT NULL,
    requested_at TEXT NOT NULL
);

-- The last replayed event of a publisher reached a consumer (it carries a marker): what came before it is consumed.
CREATE TABLE catch_up_ends (
    request_id TEXT NOT NULL,
    publisher  TEXT NOT NULL,
    consumer   TEXT NOT NULL,
    ended_at   TEXT NOT NULL,
    PRIMARY KEY (request_id, publisher, consumer)
);

-- Publisher side: replays asked of this service, and how far each has come (outbox id).
CREATE TABLE history_replays (
    request_id   TEXT    NOT NULL PRIMARY KEY,
    service      TEXT    NOT NULL,
    targets      TEXT    NOT NULL,
    since        TEXT    NULL,
    until_id     INTEGER NOT NULL,
    ends         TEXT    NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    replayed     INTEGER NOT NULL DEFAULT 0,
    requested_at TEXT    NOT NULL,
    finished_at  TEXT    NULL,
    lock_owner   TEXT    NULL,
    locked_until INTEGER NULL
);
