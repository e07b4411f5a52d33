/** Table types for Kysely, one interface per table in migrations/. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface FhirResourceTable {
  type: string;
  id: string;
  version: number;
  last_updated: Timestamp;
  deleted: boolean;
  patient_id: string | null;
  content: unknown;
}

export interface FhirHistoryTable {
  type: string;
  id: string;
  version: number;
  last_updated: Timestamp;
  deleted: boolean;
  content: unknown;
}

export interface OrgTreeTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
}

export interface PatientAccessTable {
  patient_id: string;
  org_id: string;
  reason: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  patient_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_login_at: Timestamp | null;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
  org_id: string;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface AuditEventTable {
  seq: Generated<string>;
  id: string;
  recorded: Timestamp;
  user_id: string | null;
  username: string | null;
  role: string | null;
  site: string | null;
  action: string;
  subtype: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  outcome: string;
  purpose: string | null;
  detail: string | null;
  source_ip: string | null;
  content_hash: string;
  chain_pos: string | null;
  chain_hash: string | null;
}

export interface AuditChainHeadTable {
  singleton: Generated<boolean>;
  pos: string;
  hash: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Generated<Timestamp>;
}

export interface SearchTokenTable {
  type: string;
  id: string;
  code: string;
  system: string | null;
  value: string;
}
export interface SearchStringTable {
  type: string;
  id: string;
  code: string;
  value: string;
  exact: string;
}
export interface SearchDateTable {
  type: string;
  id: string;
  code: string;
  low: string;
  high: string;
}
export interface SearchReferenceTable {
  type: string;
  id: string;
  code: string;
  target_type: string | null;
  target_id: string;
}
export interface SearchQuantityTable {
  type: string;
  id: string;
  code: string;
  value: number;
  system: string | null;
  unit: string | null;
}

export interface IdentityKeyTable {
  /** A 52-bit blocking key (core identity/blocking.ts). */
  key: number;
  patient_id: string;
}
export interface IdentityKeyedTable {
  patient_id: string;
  version: number;
  scheme: string;
  /** Matching features as text (core stored-features.ts); null for a deleted or merged-away record. */
  features: string | null;
}
export interface IdentityCandidateTable {
  id: string;
  a_id: string;
  b_id: string;
  score: number;
  grade: string;
  fields: unknown;
  status: Generated<'pending' | 'merged' | 'dismissed'>;
  found_at: Timestamp;
  found_by: string;
  decided_at: Timestamp | null;
  decided_by: string | null;
}
export interface IdentityMergeTable {
  id: string;
  survivor_id: string;
  duplicate_id: string;
  candidate_id: string | null;
  merged_at: Timestamp;
  merged_by: string;
  moved: unknown;
  survivor_before: unknown;
  duplicate_before: unknown;
  survivor_after: number;
  duplicate_after: number;
  copied: unknown;
  undone_at: Timestamp | null;
  undone_by: string | null;
}
export interface IdentityScanTable {
  id: string;
  status: 'running' | 'done' | 'failed';
  started_by: string;
  orgs: string[] | null;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
  processed: Generated<number>;
  total: Generated<number>;
  found: Generated<number>;
  error: string | null;
  phase: 'keying' | 'loading' | 'comparing' | null;
}

export interface Database {
  search_token: SearchTokenTable;
  search_string: SearchStringTable;
  search_date: SearchDateTable;
  search_reference: SearchReferenceTable;
  search_quantity: SearchQuantityTable;
  fhir_resource: FhirResourceTable;
  fhir_history: FhirHistoryTable;
  org_tree: OrgTreeTable;
  patient_access: PatientAccessTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  schema_migration: SchemaMigrationTable;
  identity_key: IdentityKeyTable;
  identity_keyed: IdentityKeyedTable;
  identity_candidate: IdentityCandidateTable;
  identity_merge: IdentityMergeTable;
  identity_scan: IdentityScanTable;
}
