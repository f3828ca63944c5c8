-- A handoff (取次) is also broken down by the recruiting firm it went to.
ALTER TABLE counted_events ADD firm NVARCHAR(200) NULL;
