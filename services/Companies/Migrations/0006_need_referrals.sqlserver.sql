-- The need's status follows its referrals (取次): the sequence of the last referral change applied, so an older one changes nothing.
ALTER TABLE talent_needs ADD referral_sequence BIGINT NOT NULL CONSTRAINT df_talent_needs_referral_sequence DEFAULT 0;
