-- Blocking keys become 52-bit numbers (core identity/blocking.ts): a bigint is a quarter of the text
-- key it replaces, so a register of a million people keeps its ~45 million keys in a few GB. Every
-- Patient is keyed again by the next scan (identity_keyed.scheme changes with the keys).
DROP TABLE identity_block;
CREATE TABLE identity_key (
  key        bigint NOT NULL,
  patient_id text   NOT NULL,
  PRIMARY KEY (key, patient_id)
);
CREATE INDEX identity_key_patient ON identity_key (patient_id);
DELETE FROM identity_keyed;

-- Each Patient's matching features as compact text (core identity/stored-features.ts), written with
-- its keys: a whole-register scan reads these instead of deriving them again from every Patient.
ALTER TABLE identity_keyed ADD COLUMN features text;

-- What a running scan is doing: keying stale records, loading people, or comparing them.
ALTER TABLE identity_scan ADD COLUMN phase text;
