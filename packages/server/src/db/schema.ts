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
}
