-- Passage schema, version 1. Never edit a released migration: add a new one.

-- FHIR resources: the current version of each resource, and every version in history.
CREATE TABLE fhir_resource (
  type          text        NOT NULL,
  id            text        NOT NULL,
  version       integer     NOT NULL,
  last_updated  timestamptz NOT NULL,
  deleted       boolean     NOT NULL DEFAULT false,
  -- The person whose compartment holds this resource: the basis of every access decision.
  patient_id    text,
  content       jsonb       NOT NULL,
  PRIMARY KEY (type, id)
);
CREATE INDEX fhir_resource_patient ON fhir_resource (patient_id, type) WHERE patient_id IS NOT NULL;
CREATE INDEX fhir_resource_updated ON fhir_resource (type, last_updated);

CREATE TABLE fhir_history (
  type          text        NOT NULL,
  id            text        NOT NULL,
  version       integer     NOT NULL,
  last_updated  timestamptz NOT NULL,
  deleted       boolean     NOT NULL,
  content       jsonb       NOT NULL,
  PRIMARY KEY (type, id, version)
);

-- Search indexes, one table per FHIR search-parameter type, filled from each resource at write time.
CREATE TABLE search_token (
  type   text NOT NULL,
  id     text NOT NULL,
  code   text NOT NULL,
  system text,
  value  text NOT NULL
);
CREATE INDEX search_token_lookup ON search_token (type, code, value, system);
CREATE INDEX search_token_owner ON search_token (type, id);

CREATE TABLE search_string (
  type  text NOT NULL,
  id    text NOT NULL,
  code  text NOT NULL,
  -- normalised for matching: lower case, no diacritics
  value text NOT NULL,
  -- as written, for :exact
  exact text NOT NULL
);
CREATE INDEX search_string_lookup ON search_string (type, code, value text_pattern_ops);
CREATE INDEX search_string_owner ON search_string (type, id);

CREATE TABLE search_date (
  type text        NOT NULL,
  id   text        NOT NULL,
  code text        NOT NULL,
  low  timestamptz NOT NULL,
  high timestamptz NOT NULL
);
CREATE INDEX search_date_lookup ON search_date (type, code, low, high);
CREATE INDEX search_date_owner ON search_date (type, id);

CREATE TABLE search_reference (
  type        text NOT NULL,
  id          text NOT NULL,
  code        text NOT NULL,
  target_type text,
  target_id   text NOT NULL
);
CREATE INDEX search_reference_lookup ON search_reference (type, code, target_id);
CREATE INDEX search_reference_target ON search_reference (target_id, target_type);
CREATE INDEX search_reference_owner ON search_reference (type, id);

CREATE TABLE search_quantity (
  type   text    NOT NULL,
  id     text    NOT NULL,
  code   text    NOT NULL,
  value  numeric NOT NULL,
  system text,
  unit   text
);
CREATE INDEX search_quantity_lookup ON search_quantity (type, code, value);
CREATE INDEX search_quantity_owner ON search_quantity (type, id);

-- Organisation hierarchy (country node → region → site), kept in step with Organization resources.
CREATE TABLE org_tree (
  id        text PRIMARY KEY,
  parent_id text,
  kind      text NOT NULL,
  name      text NOT NULL
);

-- Sites where a person's record is visible: where they are registered, and where it was shared.
CREATE TABLE patient_access (
  patient_id text NOT NULL,
  org_id     text NOT NULL,
  reason     text NOT NULL,
  PRIMARY KEY (patient_id, org_id, reason)
);
CREATE INDEX patient_access_org ON patient_access (org_id, patient_id);

CREATE TABLE app_user (
  id                   text PRIMARY KEY,
  username             text NOT NULL,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  totp_secret          text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  -- the last accepted TOTP time step: a code is accepted once only
  totp_last_step       bigint,
  disabled             boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  patient_id           text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz
);
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));

CREATE TABLE user_role (
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role    text NOT NULL,
  org_id  text NOT NULL,
  PRIMARY KEY (user_id, role, org_id)
);

CREATE TABLE user_session (
  token_hash   text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Audit trail. Each row is sealed into a hash chain (chain_pos, chain_hash) after it commits; see
-- audit/chain.ts for why sealing is a separate, serialised step.
CREATE TABLE audit_event (
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  recorded     timestamptz NOT NULL,
  user_id      text,
  username     text,
  role         text,
  site         text,
  action       text NOT NULL,
  subtype      text NOT NULL,
  entity_type  text,
  entity_id    text,
  patient_id   text,
  outcome      text NOT NULL,
  purpose      text,
  detail       text,
  source_ip    text,
  content_hash text NOT NULL,
  chain_pos    bigint UNIQUE,
  chain_hash   text
);
CREATE INDEX audit_event_recorded ON audit_event (recorded);
CREATE INDEX audit_event_patient ON audit_event (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_event_unsealed ON audit_event (seq) WHERE chain_pos IS NULL;

CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  pos       bigint NOT NULL,
  hash      text   NOT NULL
);
INSERT INTO audit_chain_head (pos, hash) VALUES (0, 'genesis');
