-- Identity across borders: blocking keys for finding duplicates, the review queue, merges (with what
-- is needed to undo them) and background scans. Never edit a released migration: add a new one.

-- Blocking keys: a Patient is stored under a few keys and compared only with people sharing one.
-- Filled on every Patient write (fhir/store/write.ts); a scan keys whoever is missing or stale.
CREATE TABLE identity_block (
  key        text NOT NULL,
  patient_id text NOT NULL,
  PRIMARY KEY (key, patient_id)
);
CREATE INDEX identity_block_patient ON identity_block (patient_id);

-- Which version of each Patient was keyed, and by which key scheme (a new scheme re-keys everyone).
CREATE TABLE identity_keyed (
  patient_id text PRIMARY KEY,
  version    integer NOT NULL,
  scheme     text NOT NULL
);

-- Possible duplicates awaiting review. A pair is stored once, ordered (a_id < b_id); a dismissed pair
-- stays, so later scans do not propose it again.
CREATE TABLE identity_candidate (
  id         text PRIMARY KEY,
  a_id       text NOT NULL,
  b_id       text NOT NULL,
  score      double precision NOT NULL,
  grade      text NOT NULL,
  fields     jsonb NOT NULL,
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'merged', 'dismissed')),
  found_at   timestamptz NOT NULL,
  -- the scan's id, or 'registration' / 'unmerge'
  found_by   text NOT NULL,
  decided_at timestamptz,
  decided_by text,
  CHECK (a_id < b_id),
  UNIQUE (a_id, b_id)
);
CREATE INDEX identity_candidate_queue ON identity_candidate (status, score DESC, id);
CREATE INDEX identity_candidate_b ON identity_candidate (b_id);

-- Merges, with everything needed to undo one: each moved resource's versions and rewritten paths,
-- both Patients as they were, and the names and identifiers copied onto the survivor.
CREATE TABLE identity_merge (
  id               text PRIMARY KEY,
  survivor_id      text NOT NULL,
  duplicate_id     text NOT NULL,
  candidate_id     text,
  merged_at        timestamptz NOT NULL,
  merged_by        text NOT NULL,
  moved            jsonb NOT NULL,
  survivor_before  jsonb NOT NULL,
  duplicate_before jsonb NOT NULL,
  -- versions written by the merge: a later version means the record changed after it
  survivor_after   integer NOT NULL,
  duplicate_after  integer NOT NULL,
  copied           jsonb NOT NULL,
  undone_at        timestamptz,
  undone_by        text
);
CREATE INDEX identity_merge_survivor ON identity_merge (survivor_id);
CREATE INDEX identity_merge_duplicate ON identity_merge (duplicate_id);

-- Background scans for duplicates; one runs at a time.
CREATE TABLE identity_scan (
  id           text PRIMARY KEY,
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_by   text NOT NULL,
  -- organisations whose people the scan covers; NULL: everyone (a system scan)
  orgs         text[],
  started_at   timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  finished_at  timestamptz,
  processed    integer NOT NULL DEFAULT 0,
  total        integer NOT NULL DEFAULT 0,
  found        integer NOT NULL DEFAULT 0,
  error        text
);
CREATE UNIQUE INDEX identity_scan_one_running ON identity_scan (status) WHERE status = 'running';
