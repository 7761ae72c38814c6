// THROWAWAY DEV MOCK — for local development of the dashboard only (`npm run mock`).
// Never used by tests, never shipped. It imitates the API shapes of API.md and
// ../API_ASSUMPTIONS.md with made-up data so the pages can be looked at before the C++ server
// exists. No dependencies: node:http plus a minimal WebSocket (text frames only).
// Usage: npm run build && node dev/mock-server.mjs [port]   → http://127.0.0.1:8787/
import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

const PORT = Number(process.argv[2] ?? 8787);
const DIST = new URL('../dist/', import.meta.url).pathname;
const DAY = 86400000;
let skew = 0; // manual clock offset
const now = () => new Date(Date.now() + skew);
const iso = (d) => new Date(d.getTime() + 8 * 3600000).toISOString().slice(0, 19) + '+08:00';
const daysAgo = (n) => iso(new Date(now().getTime() - n * DAY));

const units = [
  { id: 'hq', name: '总公司', parent_id: null, kind: 'company' },
  { id: 'east', name: '华东大区', parent_id: 'hq', kind: 'vp_area' },
  { id: 'sh', name: '上海销售部', parent_id: 'east', kind: 'department' },
  { id: 'hz', name: '杭州销售部', parent_id: 'east', kind: 'department' },
];
const users = [
  { id: 'u1', username: 'zhangwei', display_name: '张伟', role: 'sales', org_unit_id: 'sh' },
  { id: 'u2', username: 'lina', display_name: '李娜', role: 'sales', org_unit_id: 'hz' },
  { id: 'u3', username: 'wangfang', display_name: '王芳', role: 'manager', org_unit_id: 'sh' },
  { id: 'u4', username: 'zhaolei', display_name: '赵磊', role: 'vp', org_unit_id: 'east' },
  { id: 'u5', username: 'chenjing', display_name: '陈静', role: 'business_office', org_unit_id: 'hq' },
  { id: 'u6', username: 'liuyang', display_name: '刘洋', role: 'gm', org_unit_id: 'hq' },
  { id: 'u7', username: 'sunli', display_name: '孙丽', role: 'auditor', org_unit_id: 'hq' },
  { id: 'u0', username: 'admin', display_name: '系统管理员', role: 'admin', org_unit_id: 'hq' },
];
const unitName = (id) => units.find((u) => u.id === id)?.name;
const userById = (id) => users.find((u) => u.id === id);
const accounts = [
  { id: 'a1', code: 'A-00012', name: '上海申通地铁集团有限公司', kind: 'named', tier: 'A', owner: 'u1', last: 35 },
  { id: 'a2', code: 'B-00107', name: '杭州市城市建设投资集团', kind: 'named', tier: 'B', owner: 'u2', last: 20 },
  { id: 'a3', code: 'A-00031', name: '中建八局第三建设有限公司', kind: 'named', tier: 'A', owner: 'u1', last: 8 },
  { id: 'a4', code: 'C-00412', name: '宁波港集团', kind: 'non_named', tier: 'C', owner: 'u1', last: 200 },
  { id: 'a5', code: 'B-00233', name: '苏州工业园区管委会', kind: 'non_named', tier: 'B', owner: 'u2', last: 95 },
];
const cadence = { A: 30, B: 90, C: 182 };
const projects = [
  { id: 'p1', number: 'XM-2026-0031', name: '地铁14号线综合监控系统', account_id: 'a1', end_user: '上海地铁运营', owner: 'u1', status: 'approved', amt: 1860000000, prob: 60, margin: 22, sign: '2027-01-15', stage: '技术交流', upd: 3 },
  { id: 'p2', number: 'XM-2026-0027', name: '车辆段智能运维平台', account_id: 'a1', end_user: '上海地铁维保', owner: 'u1', status: 'approved', amt: 420000000, prob: 40, margin: 30, sign: '2026-12-20', stage: '方案', upd: 16 },
  { id: 'p3', number: 'XM-2026-0012', name: '八局总部数据中心扩容', account_id: 'a3', end_user: '中建八局', owner: 'u1', status: 'approved', amt: 95000000, prob: 70, margin: 18, sign: '2026-12-01', stage: '商务谈判', upd: 33 },
  { id: 'p4', number: null, name: '宁波港码头视频监控改造', account_id: 'a4', end_user: '宁波港', owner: 'u1', status: 'registered', amt: 238000000, prob: 30, margin: 25, sign: '2027-03-01', stage: '初步接触', upd: 2 },
  { id: 'p5', number: 'XM-2025-0198', name: '园区智慧路灯二期', account_id: 'a5', end_user: '苏州园区', owner: 'u2', status: 'on_hold', amt: 130000000, prob: 20, margin: 15, sign: '2026-10-01', stage: '搁置', upd: 97 },
  { id: 'p6', number: 'XM-2026-0044', name: '城投大厦楼宇自控', account_id: 'a2', end_user: '杭州城投', owner: 'u2', status: 'approved', amt: 76000000, prob: 80, margin: 28, sign: '2027-02-10', stage: '投标', upd: 15 },
  { id: 'p7', number: 'XM-2026-0009', name: '申通票务清分系统升级', account_id: 'a1', end_user: '上海地铁', owner: 'u1', status: 'contract_signed', amt: 560000000, prob: 100, margin: 20, sign: '2026-09-30', stage: '已签约', upd: 40 },
];
const events = [];
let seq = 0;
const reminders = [];
const access = [];
const sessions = new Map();
const sockets = new Set();

function emit(stream, type, actor, data) {
  const e = { seq: ++seq, id: randomUUID(), stream, stream_version: events.filter((x) => x.stream === stream).length + 1, type, occurred_at: iso(now()), actor: actor?.id ?? 'system', actor_name: actor?.display_name ?? '系统', causation_id: null, data };
  events.push(e);
  for (const s of sockets) if (s.subscribed) wsSend(s, { type: 'event', seq: e.seq, event: e });
  return e;
}
// history
for (const p of projects) {
  skew -= 120 * DAY;
  emit(`project-${p.id}`, 'ProjectRegistered', userById(p.owner), { name: p.name, status: 'registered', contract_amount_fen: p.amt - 10000000, win_probability: Math.max(10, p.prob - 20) });
  skew += 20 * DAY;
  if (p.status !== 'registered') emit(`project-${p.id}`, 'ProjectApproved', users[3], { status: 'approved', number: p.number, reason: '符合立项条件' });
  skew += 100 * DAY - p.upd * DAY;
  if (p.status !== 'registered') emit(`project-${p.id}`, 'ProjectUpdated', userById(p.owner), { note: '与客户技术负责人沟通方案细节', win_probability: p.prob, contract_amount_fen: p.amt, stage: p.stage });
  if (p.status === 'on_hold') emit(`project-${p.id}`, 'ProjectPutOnHold', null, { status: 'on_hold', reason: 'R-P7: 90 天未更新' });
  if (p.status === 'contract_signed') emit(`project-${p.id}`, 'ContractSigned', users[4], { status: 'contract_signed' });
  skew += p.upd * DAY;
}
skew = 0;
for (const [i, a] of accounts.entries()) for (const u of ['u1', 'u3', 'u7', 'u6']) if (i < 3) access.push({ at: daysAgo(i * 2 + u.length), user: u, user_name: userById(u).display_name, account_id: a.id, account_name: a.name, action: 'read_file' });
access.push({ at: iso(new Date(now().getTime() - 2 * DAY - 14 * 3600000)), user: 'u2', user_name: '李娜', account_id: 'a1', account_name: accounts[0].name, action: 'read_file' });

function projectView(p) {
  const acc = accounts.find((a) => a.id === p.account_id);
  const o = userById(p.owner);
  const st = p.status === 'on_hold' ? 'on_hold' : p.status !== 'approved' ? 'fresh' : p.upd >= 30 ? 'stale_1m' : p.upd >= 14 ? 'stale_2w' : 'fresh';
  const actions = { approved: ['update', 'credit_split', 'contract_signed', 'close'], registered: ['approve', 'defer', 'reject'], on_hold: ['reactivation'] }[p.status] ?? [];
  return {
    id: p.id, version: 3, number: p.number, name: p.name, account_id: p.account_id, account_name: acc?.name, end_user: p.end_user,
    owner: p.owner, owner_name: o?.display_name, org_unit: o?.org_unit_id, org_unit_name: unitName(o?.org_unit_id), status: p.status,
    products: '综合监控 / 视频分析', contract_amount_fen: p.amt, win_probability: p.prob, margin_pct: p.margin, expected_signing_date: p.sign,
    stage: p.stage, last_update_at: daysAgo(p.upd), days_since_update: p.upd, staleness: st,
    credit_split: p.id === 'p1' ? [{ user: 'u1', user_name: '张伟', percent: 70 }, { user: 'u2', user_name: '李娜', percent: 30 }] : [{ user: p.owner, user_name: o?.display_name, percent: 100 }],
    conflict: p.id === 'p4' ? { state: 'none', candidates: [] } : null, allowed_actions: actions,
  };
}
function accountView(a, full) {
  const o = userById(a.owner);
  const due = a.last >= cadence[a.tier];
  const base = { id: a.id, version: 4, code: a.code, name: a.name, kind: a.kind, tier: a.tier, owner: a.owner, owner_name: o?.display_name, last_visit_at: daysAgo(a.last), next_visit_due: daysAgo(a.last - cadence[a.tier]).slice(0, 10), visit_due: due };
  if (!full) return base;
  return {
    ...base, credit_code: '91310000132210617X', nature: '国有企业', industry: '城市轨道交通', scale: '特大型', region: '上海市黄浦区衡山路12号', source: '老客户', payment_habit: '按进度付款', funding_status: '财政资金，充足', credit_notes: '履约良好，无诉讼',
    affiliates: [{ id: 'a3', name: '中建八局第三建设有限公司', relation: '合作方' }], named_status: a.kind === 'named' ? 'named' : 'none',
    key_persons: [
      { id: 'k1', name: '周建国', title: '总工程师', decision_role: 'decision_maker', relationship: 'positive', decision_weight: 45, known_by_name: '张伟', next_contact: daysAgo(-3).slice(0, 10) },
      { id: 'k2', name: '吴敏', title: '采购部经理', decision_role: 'advisor', relationship: 'neutral', decision_weight: 25, known_by_name: '张伟', next_contact: daysAgo(2).slice(0, 10) },
      { id: 'k3', name: '郑海', title: '信息中心主任', decision_role: 'blocker', relationship: 'negative', decision_weight: 20, known_by_name: '王芳', next_contact: null },
      { id: 'k4', name: '冯晓', title: '运营调度', decision_role: 'user', relationship: 'none', decision_weight: 10, known_by_name: null, next_contact: null },
    ],
    complaints: [{ id: 'c1', content: '调度大屏偶发黑屏', severity: 'high', state: 'planned', opened_at: daysAgo(6) }],
    surveys: [{ at: daysAgo(60), scores: { 服务: 4, 成效: 5, 沟通: 4 }, comment: '响应及时' }],
    projects: projects.filter((p) => p.account_id === a.id).map(projectView),
  };
}

function json(res, status, body) { res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }); res.end(JSON.stringify(body)); }
const err = (res, status, code, message, details = {}) => json(res, status, { error: { code, message, details } });
function me(req) { const m = /session=([\w-]+)/.exec(req.headers.cookie ?? '') ?? /Bearer ([\w-]+)/.exec(req.headers.authorization ?? ''); return m ? sessions.get(m[1]) : null; }
async function body(req) { let s = ''; for await (const c of req) s += c; try { return s ? JSON.parse(s) : {}; } catch { return null; } }

function raise(kind, subject, recipients) {
  const r = { id: `r${reminders.length + 1}`, kind, subject_type: 'project', subject_id: subject.id, subject_name: subject.name, due_at: iso(now()), raised_at: iso(now()), recipients, state: 'open', owner_name: userById(subject.owner)?.display_name, org_unit_name: unitName(userById(subject.owner)?.org_unit_id) };
  reminders.push(r);
  emit(`reminder-${r.id}`, 'ReminderRaised', null, { kind, subject_id: subject.id });
  for (const s of sockets) if (recipients.includes(s.user.id)) wsSend(s, { type: 'reminder', reminder: r });
}

async function api(req, res, url) {
  const path = url.pathname;
  const m = (re) => re.exec(path);
  if (req.method !== 'GET' && req.headers['x-requested-with'] !== 'keyledger') return err(res, 403, 'forbidden', 'missing X-Requested-With');
  if (path === '/api/demo-users') return json(res, 200, { items: users.map((u) => ({ username: u.username, password: 'demo1234', display_name: u.display_name, role: u.role, org_unit_name: unitName(u.org_unit_id) })) });
  if (path === '/api/session' && req.method === 'POST') {
    const b = await body(req);
    const u = users.find((x) => x.username === b?.username);
    if (!u || b.password !== 'demo1234') return err(res, 401, 'unauthenticated', 'bad credentials');
    const sid = randomUUID();
    sessions.set(sid, u);
    res.setHeader('set-cookie', `session=${sid}; HttpOnly; SameSite=Strict; Path=/`);
    return json(res, 200, { user: { ...u, org_unit: u.org_unit_id }, token: sid });
  }
  if (path === '/api/test/clock' && req.method === 'POST') {
    const b = await body(req);
    const n = Number(b?.advance_days ?? 0);
    skew += n * DAY;
    for (const a of accounts) a.last += n;
    for (const p of projects) {
      const before = p.upd; p.upd += n;
      if (p.status !== 'approved') continue;
      if (before < 14 && p.upd >= 14) raise('project_stale_2w', p, [p.owner, 'u3']);
      if (before < 30 && p.upd >= 30) raise('project_stale_1m', p, [p.owner, 'u3', 'u4']);
    }
    return json(res, 200, { now: iso(now()) });
  }
  const u = me(req);
  if (!u) return err(res, 401, 'unauthenticated', 'sign in');
  if (path === '/api/session' && req.method === 'DELETE') return json(res, 200, {});
  if (path === '/api/me') return json(res, 200, { user: { ...u, org_unit: u.org_unit_id, org_unit_name: unitName(u.org_unit_id) }, now: iso(now()), time_zone: 'Asia/Shanghai' });
  if (path === '/api/me/mail-preferences') {
    const kinds = ['project_stale_2w', 'project_stale_1m', 'project_on_hold', 'visit_overdue', 'key_person_contact_due', 'complaint_overdue', 'approval_pending'];
    u.mail ??= { kinds: ['complaint_overdue', 'project_on_hold', 'project_stale_1m', 'project_stale_2w'], weekly_digest: true };
    if (req.method === 'PUT') {
      const b = await body(req);
      if (!Array.isArray(b?.kinds) || b.kinds.some((k) => !kinds.includes(k))) return err(res, 400, 'validation_failed', 'each one of the reminder kinds', { field: 'kinds' });
      u.mail = { kinds: [...new Set(b.kinds)].sort(), weekly_digest: b.weekly_digest ?? true };
    }
    return json(res, 200, { user_id: u.id, email: `${u.username}@example.com`, language: 'zh-CN', ...u.mail, mail_enabled: false });
  }
  if (path === '/api/projects') {
    let list = projects;
    if (url.searchParams.get('owner') === 'me') list = list.filter((p) => p.owner === u.id);
    let out = list.map(projectView);
    if (url.searchParams.get('stale')) out = out.filter((p) => p.staleness !== 'fresh');
    return json(res, 200, { items: out, next: null });
  }
  let x;
  if ((x = m(/^\/api\/projects\/([^/]+)$/))) { const p = projects.find((q) => q.id === x[1]); return p ? json(res, 200, projectView(p)) : err(res, 404, 'not_found', ''); }
  if ((x = m(/^\/api\/projects\/([^/]+)\/updates$/)) && req.method === 'POST') {
    const p = projects.find((q) => q.id === x[1]); const b = await body(req);
    if (!b?.note) return err(res, 400, 'validation_failed', 'note is required', { field: 'note' });
    p.upd = 0; if (b.win_probability !== undefined) p.prob = b.win_probability;
    for (const r of reminders) if (r.subject_id === p.id && r.state === 'open') r.state = 'resolved';
    const e = emit(`project-${p.id}`, 'ProjectUpdated', u, b);
    return json(res, 200, { id: p.id, version: 4, seq: e.seq });
  }
  if ((x = m(/^\/api\/projects\/([^/]+)\/(decision|contract-signed|close|credit-split|conflict-review|reactivation)$/)) && req.method === 'POST') {
    const p = projects.find((q) => q.id === x[1]); const b = await body(req);
    if (x[2] === 'decision') p.status = { approve: 'approved', defer: 'deferred', reject: 'rejected' }[b.decision] ?? p.status;
    if (x[2] === 'contract-signed') p.status = 'contract_signed';
    if (x[2] === 'close') p.status = 'closed';
    const e = emit(`project-${p.id}`, `Project${x[2].replace(/(^|-)(\w)/g, (_, _a, c) => c.toUpperCase())}`, u, { ...b, status: p.status });
    return json(res, 200, { id: p.id, version: 5, seq: e.seq });
  }
  if (path === '/api/accounts') {
    let list = accounts;
    if (url.searchParams.get('owner') === 'me') list = list.filter((a) => a.owner === u.id);
    const q = url.searchParams.get('q'); if (q) list = list.filter((a) => a.name.includes(q) || a.code.includes(q));
    const tier = url.searchParams.get('tier'); if (tier) list = list.filter((a) => a.tier === tier);
    return json(res, 200, { items: list.map((a) => accountView(a, false)), next: null });
  }
  if ((x = m(/^\/api\/accounts\/([^/]+)$/))) {
    const a = accounts.find((q) => q.id === x[1]);
    if (!a) return err(res, 404, 'not_found', '');
    if (u.role === 'sales' && a.owner !== u.id && a.kind === 'named') return err(res, 403, 'forbidden', 'R-A9', { rule: 'R-A9' });
    access.push({ at: iso(now()), user: u.id, user_name: u.display_name, account_id: a.id, account_name: a.name, action: 'read_file' });
    return json(res, 200, accountView(a, true));
  }
  if ((x = m(/^\/api\/accounts\/([^/]+)\/visits$/))) {
    const a = accounts.find((q) => q.id === x[1]);
    if (req.method === 'POST') { const b = await body(req); a.last = 0; const e = emit(`account-${a.id}`, 'VisitLogged', u, b); return json(res, 201, { id: randomUUID(), version: 5, seq: e.seq }); }
    return json(res, 200, { items: [{ occurred_at: daysAgo(a.last), kind: 'visit', people_met: '周建国、吴敏', content: '汇报14号线方案进展，客户关注工期' }, { occurred_at: daysAgo(a.last + 30), kind: 'phone', people_met: '吴敏', content: '确认招标时间' }], next: null });
  }
  if ((x = m(/^\/api\/accounts\/([^/]+)\/named-application$/))) return json(res, 200, { state: 'named', steps: [{ step: 'submitted', actor_name: '张伟', at: daysAgo(200) }, { step: 'business_office', actor_name: '陈静', decision: 'approve', at: daysAgo(195) }, { step: 'vp', actor_name: '赵磊', decision: 'approve', at: daysAgo(190) }, { step: 'vp', actor_name: '钱峰', decision: 'approve', reason: '潜力大', at: daysAgo(189) }] });
  if (path === '/api/reminders') return json(res, 200, { items: reminders.filter((r) => r.state === 'open' && r.recipients.includes(u.id)), next: null });
  if ((x = m(/^\/api\/reminders\/([^/]+)\/ack$/))) { const r = reminders.find((q) => q.id === x[1]); r.state = 'acked'; const e = emit(`reminder-${r.id}`, 'ReminderAcknowledged', u, {}); return json(res, 200, { id: r.id, version: 2, seq: e.seq }); }
  if (path === '/api/approvals') return json(res, 200, { items: [{ kind: 'project_registration', subject_type: 'project', subject_id: 'p4', subject_name: projects[3].name, requested_by_name: '张伟', requested_at: daysAgo(2), version: 1, summary: '2,380,000.00 元 · 获取率 30%' }, { kind: 'named_application', subject_type: 'account', subject_id: 'a4', subject_name: '宁波港集团', requested_by_name: '张伟', requested_at: daysAgo(5), step: 'vp' }], next: null });
  if (path === '/api/complaints') return json(res, 200, { items: [
    { id: 'c1', account_id: 'a1', account_name: accounts[0].name, content: '调度大屏偶发黑屏', severity: 'high', state: 'planned', assignee_name: '张伟', opened_at: daysAgo(6), next_deadline: daysAgo(1), overdue: true },
    { id: 'c2', account_id: 'a2', account_name: accounts[1].name, content: '现场施工噪音投诉', severity: 'medium', state: 'assigned', assignee_name: '李娜', opened_at: daysAgo(1), next_deadline: daysAgo(-1), overdue: false },
    { id: 'c3', account_id: 'a3', account_name: accounts[2].name, content: '资料移交不完整', severity: 'low', state: 'closed', assignee_name: '张伟', opened_at: daysAgo(30), next_deadline: null, overdue: false }], next: null });
  if (path === '/api/forecast') {
    const g = url.searchParams.get('group_by') ?? 'owner';
    const month = url.searchParams.get('month') ?? '';
    const rows = new Map();
    for (const p of projects.filter((q) => ['approved', 'registered'].includes(q.status))) {
      const shift = (Number(month.slice(5)) + p.id.charCodeAt(1)) % 3;
      const o = userById(p.owner);
      const key = g === 'owner' ? p.owner : g === 'unit' ? o.org_unit_id : 'east';
      const label = g === 'owner' ? o.display_name : g === 'unit' ? unitName(o.org_unit_id) : '华东大区';
      const r = rows.get(key) ?? { key, label, contract_fen: 0, expected_revenue_fen: 0, expected_profit_fen: 0, count: 0 };
      const rev = Math.round((p.amt * p.prob) / 100 / (shift + 1));
      r.contract_fen += p.amt; r.expected_revenue_fen += rev; r.expected_profit_fen += Math.round((rev * p.margin) / 100); r.count += 1;
      rows.set(key, r);
    }
    return json(res, 200, { month, group_by: g, rows: [...rows.values()] });
  }
  if (path === '/api/events') {
    const after = Number(url.searchParams.get('after') ?? 0); const limit = Number(url.searchParams.get('limit') ?? 100);
    const stream = url.searchParams.get('stream'); const type = url.searchParams.get('type'); const to = url.searchParams.get('to');
    const list = events.filter((e) => e.seq > after && (!stream || e.stream === stream) && (!type || e.type === type) && (!to || e.occurred_at <= to)).slice(0, limit);
    const more = list.length === limit && events.some((e) => e.seq > list.at(-1).seq);
    return json(res, 200, { items: list, next: more ? list.at(-1).seq : null });
  }
  if (path === '/api/audit/dashboard') {
    const ps = projects.map(projectView);
    const by = {}; for (const p of ps) by[p.status] = (by[p.status] ?? 0) + 1;
    const count = (s) => ps.filter((p) => p.staleness === s).length;
    return json(res, 200, { as_of: url.searchParams.get('as_of'), seq, projects_by_status: by, stale: { stale_2w: count('stale_2w'), stale_1m: count('stale_1m'), on_hold: count('on_hold') }, open_reminders: reminders.filter((r) => r.state === 'open').length, named_accounts: 3, open_complaints: 2,
      by_unit: [{ unit_id: 'sh', unit_name: '上海销售部', projects: 5, stale_2w: 1, stale_1m: 1, on_hold: 0 }, { unit_id: 'hz', unit_name: '杭州销售部', projects: 2, stale_2w: 1, stale_1m: 0, on_hold: 1 }] });
  }
  if ((x = m(/^\/api\/audit\/projects\/([^/]+)$/))) { const p = projects.find((q) => q.id === x[1]); const asOf = url.searchParams.get('as_of'); const st = events.filter((e) => e.stream === `project-${p.id}` && Date.parse(e.occurred_at) <= Date.parse(asOf) && e.data?.status).at(-1)?.data.status ?? 'registered'; return p ? json(res, 200, { as_of: asOf, seq, project: { ...projectView(p), status: st } }) : err(res, 404, 'not_found', ''); }
  if ((x = m(/^\/api\/audit\/accounts\/([^/]+)$/))) { const a = accounts.find((q) => q.id === x[1]); return a ? json(res, 200, { as_of: url.searchParams.get('as_of'), seq, account: accountView(a, true) }) : err(res, 404, 'not_found', ''); }
  if (path === '/api/audit/access-log') {
    if (!['auditor', 'gm', 'info_admin'].includes(u.role)) return err(res, 403, 'forbidden', '');
    const acc = url.searchParams.get('account'); const usr = url.searchParams.get('user');
    return json(res, 200, { items: access.filter((r) => (!acc || r.account_id === acc) && (!usr || r.user === usr)), next: null });
  }
  if (path === '/api/org-units') { if (req.method === 'POST') { const b = await body(req); units.push(b); const e = emit(`org-${b.id}`, 'OrgUnitCreated', u, b); return json(res, 201, { id: b.id, version: 1, seq: e.seq }); } return json(res, 200, { items: units, next: null }); }
  if (path === '/api/users') { if (req.method === 'POST') { const b = await body(req); const nu = { id: `u${users.length + 1}`, ...b }; delete nu.password; users.push(nu); const e = emit(`user-${nu.id}`, 'UserCreated', u, { username: b.username }); return json(res, 201, { id: nu.id, version: 1, seq: e.seq }); } const role = url.searchParams.get('role'); return json(res, 200, { items: users.filter((x2) => !role || x2.role === role), next: null }); }
  return err(res, 404, 'not_found', path);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/')) { api(req, res, url).catch((e) => { console.error(e); err(res, 500, 'internal', String(e)); }); return; }
  let file = join(DIST, url.pathname);
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});

// minimal WebSocket: handshake, unmasked text frames out, masked text frames in
function wsSend(s, obj) {
  const data = Buffer.from(JSON.stringify(obj));
  const head = data.length < 126 ? Buffer.from([0x81, data.length]) : data.length < 65536 ? Buffer.from([0x81, 126, data.length >> 8, data.length & 255]) : null;
  if (!head) return;
  s.sock.write(Buffer.concat([head, data]));
}
server.on('upgrade', (req, sock) => {
  const u = me(req);
  if (!u || new URL(req.url, 'http://x').pathname !== '/api/feed') { sock.end('HTTP/1.1 401 Unauthorized\r\n\r\n'); return; }
  const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const s = { sock, user: u, subscribed: false };
  sockets.add(s);
  wsSend(s, { type: 'hello', user: u, head_seq: seq });
  let buf = Buffer.alloc(0);
  sock.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 6) {
      const op = buf[0] & 15; let len = buf[1] & 127; let off = 2;
      if (len === 126) { len = buf.readUInt16BE(2); off = 4; }
      if (buf.length < off + 4 + len) return;
      const mask = buf.subarray(off, off + 4); const payload = Buffer.from(buf.subarray(off + 4, off + 4 + len));
      for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      buf = buf.subarray(off + 4 + len);
      if (op === 8) { sock.end(); return; }
      if (op !== 1) continue;
      const msg = JSON.parse(payload.toString());
      if (msg.type === 'subscribe') {
        for (const e of events) if (e.seq > msg.after_seq) wsSend(s, { type: 'event', seq: e.seq, event: e });
        s.subscribed = true;
        wsSend(s, { type: 'caught_up', seq });
      }
    }
  });
  sock.on('close', () => sockets.delete(s));
  sock.on('error', () => sockets.delete(s));
});
server.listen(PORT, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${PORT} (DEV MOCK, not keyledger)`));
