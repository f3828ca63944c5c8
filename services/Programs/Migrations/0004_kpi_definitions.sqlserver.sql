-- KPI definitions of a program (数値目標): values are stored as integers scaled by 10^4 (value_e4), so a baseline
-- of 1.2345 or a national average of 67.45 is exact on both databases, never a binary float.
CREATE TABLE kpi_definitions (
    program        NVARCHAR(64)  NOT NULL,
    code           NVARCHAR(64)  NOT NULL,
    name           NVARCHAR(200) NOT NULL,
    name_en        NVARCHAR(200) NULL,
    unit           NVARCHAR(20)  NOT NULL,
    direction      NVARCHAR(20)  NOT NULL,
    source         NVARCHAR(20)  NOT NULL,
    counted_kind   NVARCHAR(64)  NULL,
    baseline_e4    BIGINT NULL,
    baseline_label NVARCHAR(100) NULL,
    position       INT NOT NULL,
    defined_at     DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_kpi_definitions PRIMARY KEY (program, code)
);

CREATE TABLE kpi_targets (
    program   NVARCHAR(64) NOT NULL,
    code      NVARCHAR(64) NOT NULL,
    seq       INT NOT NULL,
    kind      NVARCHAR(20) NOT NULL,
    from_year INT NOT NULL,
    to_year   INT NOT NULL,
    value_e4  BIGINT NULL,
    CONSTRAINT pk_kpi_targets PRIMARY KEY (program, code, seq)
);

CREATE TABLE kpi_entries (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_kpi_entries PRIMARY KEY,
    program     NVARCHAR(64)   NOT NULL,
    code        NVARCHAR(64)   NOT NULL,
    kind        NVARCHAR(20)   NOT NULL,
    fiscal_year INT            NOT NULL,
    value_e4    BIGINT         NOT NULL,
    note        NVARCHAR(1000) NULL,
    entered_by  NVARCHAR(100)  NOT NULL,
    entered_at  DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_kpi_entries ON kpi_entries (program, code, kind, fiscal_year, id);
