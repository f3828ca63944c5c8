-- A counted fact's prefecture: a candidate's residence may be known at prefecture level only. Facts counted before
-- take it from their municipality, so a prefecture breakdown covers them too.
ALTER TABLE counted_events ADD prefecture_code CHAR(2) NULL;
GO
UPDATE counted_events SET prefecture_code = SUBSTRING(municipality_code, 1, 2) WHERE municipality_code IS NOT NULL;
