-- A counted KPI may count only some facts (絞り込み): of one municipality or prefecture, one industry, one coordinator,
-- one employment form. The ledger keeps the employment form of the facts that have one (talent needs).
ALTER TABLE kpi_definitions ADD
    filter_municipality    CHAR(6)       NULL,
    filter_prefecture      CHAR(2)       NULL,
    filter_industry        CHAR(1)       NULL,
    filter_coordinator     NVARCHAR(100) NULL,
    filter_employment_form VARCHAR(20)   NULL;
GO
ALTER TABLE counted_events ADD employment_form VARCHAR(20) NULL;
