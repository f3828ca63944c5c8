-- One row per counted fact (a consultation, later a handoff, a placement …). The primary key makes a fact
-- count once whatever the delivery; KPIs count rows by program, kind and date.
CREATE TABLE counted_events (
    kind        NVARCHAR(64)     NOT NULL,
    source_id   UNIQUEIDENTIFIER NOT NULL,
    program     NVARCHAR(64)     NOT NULL,
    occurred_on DATE             NOT NULL,
    counted_at  DATETIMEOFFSET   NOT NULL,
    CONSTRAINT pk_counted_events PRIMARY KEY (kind, source_id)
);
CREATE INDEX ix_counted_events_program_kind_date ON counted_events (program, kind, occurred_on);
