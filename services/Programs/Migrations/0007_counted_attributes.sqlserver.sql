-- What a counted fact is broken down by (内訳): the company's municipality and industry (JSIC division), the main coordinator.
ALTER TABLE counted_events ADD municipality_code CHAR(6) NULL, industry CHAR(1) NULL, coordinator NVARCHAR(100) NULL;
