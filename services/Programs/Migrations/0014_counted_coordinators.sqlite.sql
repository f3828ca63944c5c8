-- Every coordinator of a counted fact (a consultation may have several; the first, position 0, is the main one), so a
-- breakdown by coordinator credits each of them. Facts counted before keep their main coordinator.
CREATE TABLE counted_coordinators (
    kind        TEXT    NOT NULL,
    source_id   TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    coordinator TEXT    NOT NULL,
    PRIMARY KEY (kind, source_id, position)
);
INSERT INTO counted_coordinators (kind, source_id, position, coordinator)
SELECT kind, source_id, 0, coordinator FROM counted_events WHERE coordinator IS NOT NULL;
