-- A voided fact keeps its row (so a late or repeated "logged" event cannot count it again) and stops counting.
ALTER TABLE counted_events ADD voided_at DATETIMEOFFSET NULL;
