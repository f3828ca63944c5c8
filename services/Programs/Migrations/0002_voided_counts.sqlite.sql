-- A voided fact keeps its row (so a late or repeated "logged" event cannot count it again) and stops counting.
ALTER TABLE counted_events ADD COLUMN voided_at TEXT NULL;
