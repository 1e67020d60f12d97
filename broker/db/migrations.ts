/** Schema migrations, applied in order; PRAGMA user_version holds how many have run. Never edit a shipped one. */
export const MIGRATIONS: string[] = [
  /* 1: queue core */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, day TEXT NOT NULL, type TEXT NOT NULL,
    ticket_id TEXT, counter_id TEXT, clerk_id TEXT, field_id TEXT, data TEXT NOT NULL);
  CREATE INDEX events_day ON events(day);
  CREATE INDEX events_type_at ON events(type, at);
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY, day TEXT NOT NULL, field_id TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT NOT NULL,
    priority TEXT, status TEXT NOT NULL, source TEXT NOT NULL, issued_at INTEGER NOT NULL, order_at INTEGER NOT NULL,
    serial INTEGER NOT NULL, counter_id TEXT, clerk_id TEXT, target_counter_id TEXT, called_at INTEGER, finished_at INTEGER,
    recalls INTEGER NOT NULL DEFAULT 0, outcome TEXT, dossier_code TEXT, rating TEXT,
    UNIQUE (day, field_id, seq));
  CREATE INDEX tickets_status ON tickets(status, day);
  CREATE TABLE counters (id TEXT PRIMARY KEY, clerk_id TEXT, ticket_id TEXT, rating_ticket_id TEXT, rating_clerk_id TEXT, rating_until INTEGER);
  CREATE TABLE ratings (
    ticket_id TEXT PRIMARY KEY, at INTEGER NOT NULL, day TEXT NOT NULL, counter_id TEXT NOT NULL, clerk_id TEXT NOT NULL,
    field_id TEXT NOT NULL, level TEXT NOT NULL, score INTEGER NOT NULL, reason TEXT, source TEXT NOT NULL);
  CREATE TABLE requests (source TEXT NOT NULL, request_id TEXT NOT NULL, at INTEGER NOT NULL, response TEXT NOT NULL, PRIMARY KEY (source, request_id));
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, idem_key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, payload TEXT NOT NULL,
    created_at INTEGER NOT NULL, sent_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
  CREATE INDEX outbox_unsent ON outbox(sent_at, id);
  `,
  /* 2: devices, staff, audit */ `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', counter_id TEXT, secret_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, rotated_at INTEGER, options TEXT NOT NULL DEFAULT '{}');
  CREATE TABLE users (
    username TEXT PRIMARY KEY, role TEXT NOT NULL, clerk_id TEXT, pass_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
  CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}');
  `,
  /* 3: caches of the provincial one-stop system (broker/onestop/cache.ts) */ `
  CREATE TABLE onestop_catalog (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, published_at TEXT NOT NULL,
    fetched_at INTEGER NOT NULL, source TEXT NOT NULL);
  CREATE TABLE onestop_procedures (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, field_id TEXT NOT NULL, in_force INTEGER NOT NULL,
    folded TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX onestop_procedures_field ON onestop_procedures(field_id, ord);
  CREATE TABLE onestop_dossiers (code TEXT PRIMARY KEY, fetched_at INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX onestop_dossiers_fetched ON onestop_dossiers(fetched_at);
  CREATE TABLE onestop_figures (id INTEGER PRIMARY KEY CHECK (id = 1), fetched_at INTEGER NOT NULL, body TEXT NOT NULL);
  `,
  /* 4: reports (broker/reports/repo.ts): one covering index walks a period's events ticket by ticket */ `
  CREATE INDEX events_report ON events(day, ticket_id, type, at, field_id, counter_id, clerk_id);
  `,
];
