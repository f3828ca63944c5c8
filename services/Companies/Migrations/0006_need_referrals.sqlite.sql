-- The need's status follows its referrals (取次): the sequence of the last referral change applied, so an older one changes nothing.
ALTER TABLE talent_needs ADD COLUMN referral_sequence INTEGER NOT NULL DEFAULT 0;
