-- Every coordinator of a counted fact (a consultation may have several; the first, position 0, is the main one), so a
-- breakdown by coordinator credits each of them. Facts counted before keep their main coordinator.
CREATE TABLE counted_coordinators (
    kind        NVARCHAR(64)     NOT NULL,
    source_id   UNIQUEIDENTIFIER NOT NULL,
    position    INT              NOT NULL,
    coordinator NVARCHAR(100)    NOT NULL,
    CONSTRAINT pk_counted_coordinators PRIMARY KEY (kind, source_id, position)
);
GO
INSERT INTO counted_coordinators (kind, source_id, position, coordinator)
SELECT kind, source_id, 0, coordinator FROM counted_events WHERE coordinator IS NOT NULL;
