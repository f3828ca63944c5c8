-- Event history: sent outbox rows are kept (Matching:History:KeepFor decides for how long) and replayed on request.
CREATE INDEX ix_outbox_messages_created_at ON outbox_messages (created_at);
CREATE INDEX ix_outbox_messages_type ON outbox_messages (message_type, id);

-- Consumer side: each catch-up this service asked for, and the answer of each publisher it waits for.
CREATE TABLE catch_ups (
    request_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_catch_ups PRIMARY KEY,
    reason       NVARCHAR(40)     NOT NULL,
    requested_at DATETIMEOFFSET   NOT NULL,
    since        DATETIMEOFFSET   NULL,
    targets      NVARCHAR(MAX)    NOT NULL,
    finished_at  DATETIMEOFFSET   NULL
);
CREATE TABLE catch_up_answers (
    request_id  UNIQUEIDENTIFIER NOT NULL,
    publisher   NVARCHAR(64)     NOT NULL,
    asked_at    DATETIMEOFFSET   NOT NULL,
    replayed    BIGINT           NULL,
    answered_at DATETIMEOFFSET   NULL,
    ended       NVARCHAR(MAX)    NULL,
    drained_at  DATETIMEOFFSET   NULL,
    CONSTRAINT pk_catch_up_answers PRIMARY KEY (request_id, publisher)
);
-- The consumer queues a catch-up was asked for once: a queue new in a release catches up on its first start.
CREATE TABLE catch_up_queues (
    queue        NVARCHAR(200)    NOT NULL CONSTRAINT pk_catch_up_queues PRIMARY KEY,
    request_id   UNIQUEIDENTIFIER NOT NULL,
    requested_at DATETIMEOFFSET   NOT NULL
);

-- The last replayed event of a publisher reached a consumer (it carries a marker): what came before it is consumed.
CREATE TABLE catch_up_ends (
    request_id UNIQUEIDENTIFIER NOT NULL,
    publisher  NVARCHAR(64)     NOT NULL,
    consumer   NVARCHAR(200)    NOT NULL,
    ended_at   DATETIMEOFFSET   NOT NULL,
    CONSTRAINT pk_catch_up_ends PRIMARY KEY (request_id, publisher, consumer)
);

-- Publisher side: replays asked of this service, and how far each has come (outbox id).
CREATE TABLE history_replays (
    request_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_history_replays PRIMARY KEY,
    service      NVARCHAR(64)     NOT NULL,
    targets      NVARCHAR(MAX)    NOT NULL,
    since        DATETIMEOFFSET   NULL,
    until_id     BIGINT           NOT NULL,
    ends         NVARCHAR(MAX)    NOT NULL,
    position     BIGINT           NOT NULL CONSTRAINT df_history_replays_position DEFAULT 0,
    replayed     BIGINT           NOT NULL CONSTRAINT df_history_replays_replayed DEFAULT 0,
    requested_at DATETIMEOFFSET   NOT NULL,
    finished_at  DATETIMEOFFSET   NULL,
    lock_owner   NVARCHAR(100)    NULL,
    locked_until BIGINT           NULL
);
