-- A wrong entry is voided with a reason, never deleted.
ALTER TABLE consultations ADD voided_at DATETIMEOFFSET NULL, void_reason NVARCHAR(500) NULL;
