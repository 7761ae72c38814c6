// Shapes the client reads (see API_ASSUMPTIONS.md) and the small rules it derives from them.
// Every field the server may omit is optional: views show "—" rather than break.

export type Role = 'sales' | 'manager' | 'vp' | 'business_office' | 'gm' | 'product_manager' | 'info_admin' | 'auditor' | 'admin';

export interface User {
  id: string;
  username: string;
  display_name?: string;
  role: Role;
  org_unit?: string | { id: string; name?: string };
  org_unit_name?: string;
}

export type ProjectStatus = 'registered' | 'conflict_review' | 'approved' | 'deferred' | 'rejected' | 'contract_signed' | 'closed' | 'on_hold';
export type Staleness = 'fresh' | 'stale_2w' | 'stale_1m' | 'on_hold';

export interface CreditShare { user: string; user_name?: string; percent: number }
export interface ConflictCandidate { project_id: string; name?: string; owner_name?: string; reason?: string }

export interface Project {
  id: string;
  version: number;
  number?: string | null;
  name: string;
  account_id?: string;
  account_name?: string;
  end_user?: string;
  owner?: string;
  owner_name?: string;
  org_unit?: string;
  org_unit_name?: string;
  status: ProjectStatus;
  products?: string;
  contract_amount_fen?: number | string;
  win_probability?: number;
  margin_pct?: number;
  expected_signing_date?: string;
  stage?: string;
  last_update_at?: string;
  days_since_update?: number;
  staleness?: Staleness;
  credit_split?: CreditShare[];
  conflict?: { state?: string; candidates?: ConflictCandidate[] } | null;
  allowed_actions?: string[];
}

export interface Reminder {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  subject_name?: string;
  due_at?: string;
  raised_at?: string;
  recipients?: string[];
  state: string;
  org_unit?: string;
  org_unit_name?: string;
  owner_name?: string;
}

export interface AccountSummary {
  id: string;
  version?: number;
  code?: string;
  name: string;
  kind?: 'named' | 'non_named';
  tier?: 'A' | 'B' | 'C';
  owner?: string;
  owner_name?: string;
  last_visit_at?: string | null;
  next_visit_due?: string | null;
  visit_due?: boolean;
}

export interface KeyPerson {
  id: string;
  name: string;
  title?: string;
  decision_role?: string;
  relationship?: string;
  decision_weight?: number;
  known_by_name?: string;
  next_contact?: string | null;
}

export interface Visit { id?: string; occurred_at?: string; date?: string; kind?: string; people_met?: string; content?: string; report?: string; actor_name?: string }
export interface Complaint {
  id: string; version?: number; account_id?: string; account_name?: string; content?: string; contact?: string;
  severity?: string; state?: string; assignee_name?: string; opened_at?: string; next_deadline?: string | null;
  overdue?: boolean; cause?: string;
}
export interface Survey { id?: string; at?: string; scores?: Record<string, number>; comment?: string }
export interface NamedStep { step: string; actor_name?: string; actor?: string; decision?: string; reason?: string; at?: string }

export interface AccountFile extends AccountSummary {
  credit_code?: string; nature?: string; industry?: string; scale?: string; region?: string; source?: string;
  payment_habit?: string; funding_status?: string; credit_notes?: string;
  affiliates?: { id?: string; name: string; relation?: string }[];
  named_status?: string;
  key_persons?: KeyPerson[];
  complaints?: Complaint[];
  surveys?: Survey[];
  projects?: Project[];
}

export interface ApiEvent {
  seq: number; id?: string; stream: string; stream_version?: number; type: string;
  occurred_at?: string; actor?: string; actor_name?: string; causation_id?: string; data?: Record<string, unknown>;
}

/** Staleness from the server's own field, else from days since update (server clock). */
export function stalenessOf(p: Pick<Project, 'status' | 'staleness' | 'days_since_update'>): Staleness {
  if (p.status === 'on_hold') return 'on_hold';
  if (p.staleness) return p.staleness;
  const d = p.days_since_update ?? 0;
  if (d >= 30) return 'stale_1m';
  if (d >= 14) return 'stale_2w';
  return 'fresh';
}

/** Whether staleness applies: only approved projects must be updated weekly; on-hold ones show it. */
export function tracksStaleness(p: Pick<Project, 'status'>): boolean {
  return p.status === 'approved' || p.status === 'on_hold';
}

const GROUP: Record<ProjectStatus, number> = {
  approved: 0, on_hold: 1, registered: 2, conflict_review: 2, deferred: 2, contract_signed: 3, closed: 3, rejected: 3,
};

/**
 * "My projects" order: approved projects by days since update (most stale first), then on-hold
 * ones, then those awaiting a decision, then finished ones; ties by name.
 */
export function compareByStaleness(a: Project, b: Project): number {
  return (GROUP[a.status] ?? 2) - (GROUP[b.status] ?? 2)
    || (b.days_since_update ?? -1) - (a.days_since_update ?? -1)
    || a.name.localeCompare(b.name, 'zh-CN-u-co-pinyin');
}

/**
 * The next actions the status machine (DOMAIN.md §3) allows from `status`, for any role.
 * The server's `allowed_actions` (what *this caller* may do) takes precedence when present.
 */
export function actionsForStatus(status: ProjectStatus): string[] {
  switch (status) {
    case 'registered': return ['approve', 'defer', 'reject'];
    case 'conflict_review': return ['conflict_review'];
    case 'deferred': return ['approve', 'reject'];
    case 'approved': return ['update', 'credit_split', 'contract_signed', 'close'];
    case 'on_hold': return ['reactivation', 'reactivation_review'];
    case 'rejected': case 'contract_signed': case 'closed': return [];
  }
}

export function allowedActions(p: Project): string[] {
  return Array.isArray(p.allowed_actions) ? p.allowed_actions : actionsForStatus(p.status);
}

export const SUPERVISORS: Role[] = ['manager', 'vp', 'gm'];
export const AUDIT_READERS: Role[] = ['auditor', 'gm', 'info_admin'];

export type View = 'mywork' | 'alerts' | 'accounts' | 'approvals' | 'complaints' | 'forecast' | 'audit' | 'admin';

/** The navigation each role sees, most used first. */
export function navFor(role: Role): View[] {
  switch (role) {
    case 'sales': return ['mywork', 'accounts', 'complaints'];
    case 'manager': return ['alerts', 'mywork', 'accounts', 'complaints', 'forecast'];
    case 'vp': return ['alerts', 'approvals', 'accounts', 'complaints', 'forecast'];
    case 'business_office': return ['approvals', 'accounts', 'complaints', 'forecast'];
    case 'gm': return ['alerts', 'approvals', 'accounts', 'forecast', 'audit'];
    case 'product_manager': return ['alerts', 'forecast'];
    case 'info_admin': return ['accounts', 'audit'];
    case 'auditor': return ['audit'];
    case 'admin': return ['admin'];
  }
}

export function userName(u: Pick<User, 'display_name' | 'username'> | null | undefined): string {
  return u ? u.display_name || u.username : '';
}

export function unitName(u: User): string {
  if (u.org_unit_name) return u.org_unit_name;
  if (typeof u.org_unit === 'object' && u.org_unit) return u.org_unit.name ?? u.org_unit.id;
  return u.org_unit ?? '';
}

/**
 * The audit slider's event marks: `points` are (seq, time ms) samples of the log in seq order;
 * the events between two samples are spread evenly over the buckets their times span. Returns
 * `buckets` values in 0..1 (1 = the busiest) over [min, max].
 */
export function densityMarks(points: readonly (readonly [number, number])[], min: number, max: number, buckets = 100): number[] {
  const out = new Array<number>(buckets).fill(0);
  const span = Math.max(1, max - min);
  const bucketOf = (t: number) => Math.min(buckets - 1, Math.max(0, Math.floor(((t - min) / span) * buckets)));
  for (let i = 1; i < points.length; i++) {
    const [s0, t0] = points[i - 1]!;
    const [s1, t1] = points[i]!;
    if (s1 <= s0) continue;
    const first = bucketOf(Math.min(t0, t1));
    const last = bucketOf(Math.max(t0, t1));
    for (let k = first; k <= last; k++) out[k]! += (s1 - s0) / (last - first + 1);
  }
  const top = Math.max(...out);
  return top > 0 ? out.map((v) => v / top) : out;
}
