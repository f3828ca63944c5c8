-- One row per counted fact (a consultation, later a handoff, a placement …). The primary key makes a fact
-- count once whatever the delivery; KPIs count rows by program, kind and date.
CREATE TABLE counted_events (
    kind        TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    program     TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    counted_at  TEXT NOT NULL,
    PRIMARY KEY (kind, source_id)
);
CREATE INDEX ix_counted_events_program_kind_date ON counted_events (program, kind, occurred_on);
