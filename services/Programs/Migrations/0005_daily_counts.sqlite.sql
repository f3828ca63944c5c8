-- Counts kept as events arrive: one row per program, kind and day, so a KPI report sums at most a year of rows
-- instead of counting millions of ledger rows. The ledger (counted_events) stays the record behind each number.
CREATE TABLE kpi_daily_counts (
    program TEXT NOT NULL,
    kind    TEXT NOT NULL,
    day     TEXT NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (program, kind, day)
);
INSERT INTO kpi_daily_counts (program, kind, day, count)
SELECT program, kind, occurred_on, COUNT(*) FROM counted_events WHERE voided_at IS NULL GROUP BY program, kind, occurred_on;
