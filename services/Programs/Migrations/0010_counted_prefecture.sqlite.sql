-- A counted fact's prefecture: a candidate's residence may be known at prefecture level only. Facts counted before
-- take it from their municipality, so a prefecture breakdown covers them too.
ALTER TABLE counted_events ADD COLUMN prefecture_code TEXT NULL;
UPDATE counted_events SET prefecture_code = substr(municipality_code, 1, 2) WHERE municipality_code IS NOT NULL;
