-- A fiscal year's KPI report, published and locked: the figures as they were at that moment.
CREATE TABLE kpi_year_locks (
    program     NVARCHAR(64)   NOT NULL,
    fiscal_year INT            NOT NULL,
    locked_at   DATETIMEOFFSET NOT NULL,
    locked_by   NVARCHAR(100)  NOT NULL,
    report      NVARCHAR(MAX)  NOT NULL,
    CONSTRAINT pk_kpi_year_locks PRIMARY KEY (program, fiscal_year)
);
