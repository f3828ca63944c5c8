-- What a counted fact is broken down by (内訳): the company's municipality and industry (JSIC division), the main coordinator.
ALTER TABLE counted_events ADD COLUMN municipality_code TEXT NULL;
ALTER TABLE counted_events ADD COLUMN industry TEXT NULL;
ALTER TABLE counted_events ADD COLUMN coordinator TEXT NULL;
