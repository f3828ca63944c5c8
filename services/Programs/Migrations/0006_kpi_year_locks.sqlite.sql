-- A fiscal year's KPI report, published and locked: the figures as they were at that moment.
CREATE TABLE kpi_year_locks (
    program     TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    locked_at   TEXT NOT NULL,
    locked_by   TEXT NOT NULL,
    report      TEXT NOT NULL,
    PRIMARY KEY (program, fiscal_year)
);
