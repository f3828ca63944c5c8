-- 募集人数: how many placements fill a need; its placements' sequence orders PlacementMade/Cancelled; whether placements filled it
-- (a cancel then reopens it).
ALTER TABLE talent_needs ADD COLUMN openings INTEGER NOT NULL DEFAULT 1;
ALTER TABLE talent_needs ADD COLUMN placement_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE talent_needs ADD COLUMN filled_by_placements INTEGER NOT NULL DEFAULT 0;
