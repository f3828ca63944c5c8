-- 募集人数: how many placements fill a need; its placements' sequence orders PlacementMade/Cancelled; whether placements filled it
-- (a cancel then reopens it).
ALTER TABLE talent_needs ADD openings INT NOT NULL CONSTRAINT df_talent_needs_openings DEFAULT 1;
ALTER TABLE talent_needs ADD placement_sequence BIGINT NOT NULL CONSTRAINT df_talent_needs_placement_sequence DEFAULT 0;
ALTER TABLE talent_needs ADD filled_by_placements BIT NOT NULL CONSTRAINT df_talent_needs_filled_by_placements DEFAULT 0;
