-- A wrong entry is voided with a reason, never deleted.
ALTER TABLE consultations ADD COLUMN voided_at TEXT NULL;
ALTER TABLE consultations ADD COLUMN void_reason TEXT NULL;
