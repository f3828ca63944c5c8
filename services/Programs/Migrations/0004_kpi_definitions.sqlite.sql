-- KPI definitions of a program (数値目標): values are stored as integers scaled by 10^4 (value_e4), so a baseline
-- of 1.2345 or a national average of 67.45 is exact on both databases, never a binary float.
CREATE TABLE kpi_definitions (
    program      TEXT NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_en      TEXT NULL,
    unit         TEXT NOT NULL,
    direction    TEXT NOT NULL,
    source       TEXT NOT NULL,
    counted_kind TEXT NULL,
    baseline_e4  INTEGER NULL,
    baseline_label TEXT NULL,
    position     INTEGER NOT NULL,
    defined_at   TEXT NOT NULL,
    PRIMARY KEY (program, code)
);

-- Targets in the forms of the plans: yearly (増加分), cumulative over a span (累計), level, at least the baseline
-- (現状値以上), reference (e.g. 全国平均値, its value entered later).
CREATE TABLE kpi_targets (
    program        TEXT NOT NULL,
    code           TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    from_year      INTEGER NOT NULL,
    to_year        INTEGER NOT NULL,
    value_e4       INTEGER NULL,
    PRIMARY KEY (program, code, seq)
);

-- Values entered by hand per fiscal year: actuals the system does not own, and reference targets. Append-only:
-- the latest entry of a year counts, the earlier ones are its history.
CREATE TABLE kpi_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    program     TEXT NOT NULL,
    code        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    value_e4    INTEGER NOT NULL,
    note        TEXT NULL,
    entered_by  TEXT NOT NULL,
    entered_at  TEXT NOT NULL
);
CREATE INDEX ix_kpi_entries ON kpi_entries (program, code, kind, fiscal_year, id);
