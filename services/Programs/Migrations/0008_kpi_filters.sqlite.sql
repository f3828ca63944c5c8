-- A counted KPI may count only some facts (絞り込み): of one municipality or prefecture, one industry, one coordinator,
-- one employment form. The ledger keeps the employment form of the facts that have one (talent needs).
ALTER TABLE kpi_definitions ADD COLUMN filter_municipality TEXT NULL;
ALTER TABLE kpi_definitions ADD COLUMN filter_prefecture TEXT NULL;
ALTER TABLE kpi_definitions ADD COLUMN filter_industry TEXT NULL;
ALTER TABLE kpi_definitions ADD COLUMN filter_coordinator TEXT NULL;
ALTER TABLE kpi_definitions ADD COLUMN filter_employment_form TEXT NULL;
ALTER TABLE counted_events ADD COLUMN employment_form TEXT NULL;
