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
  /* 4: reports (broker/reports/): report_tickets folds the event log ticket by ticket, kept by triggers in the same
     transaction as each event, so a yearly report reads 300,000 short rows instead of 1.5M events. ReportRepo.rebuild()
     recomputes it from the events (the same statement as the backfill below). */ `
  CREATE TABLE report_tickets (
    day TEXT NOT NULL, ticket_id TEXT NOT NULL, issued_at INTEGER, issued_field TEXT, first_call INTEGER, last_call INTEGER,
    finished_at INTEGER, end_field TEXT, counter_id TEXT, clerk_id TEXT, no_show INTEGER NOT NULL DEFAULT 0, voided INTEGER NOT NULL DEFAULT 0,
    expired INTEGER NOT NULL DEFAULT 0, transferred INTEGER NOT NULL DEFAULT 0, outcome TEXT, level TEXT, score INTEGER,
    PRIMARY KEY (day, ticket_id)) WITHOUT ROWID;
  CREATE TRIGGER report_tickets_fold AFTER INSERT ON events WHEN NEW.ticket_id IS NOT NULL AND (NEW.type LIKE 'ticket.%' OR NEW.type = 'rating.recorded') BEGIN
    INSERT INTO report_tickets (day, ticket_id, issued_at, issued_field, first_call, last_call, finished_at, end_field, counter_id, clerk_id,
      no_show, voided, expired, transferred, outcome, level, score)
    VALUES (NEW.day, NEW.ticket_id,
      CASE WHEN NEW.type = 'ticket.issued' THEN NEW.at END,
      CASE WHEN NEW.type = 'ticket.issued' THEN NEW.field_id END,
      CASE WHEN NEW.type = 'ticket.called' THEN NEW.at END,
      CASE WHEN NEW.type = 'ticket.called' THEN NEW.at END,
      CASE WHEN NEW.type = 'ticket.finished' THEN NEW.at END,
      CASE WHEN NEW.type IN ('ticket.issued', 'ticket.finished', 'ticket.no_show', 'ticket.voided', 'ticket.expired') THEN NEW.field_id END,
      CASE WHEN NEW.type IN ('ticket.finished', 'ticket.no_show') THEN NEW.counter_id END,
      CASE WHEN NEW.type IN ('ticket.finished', 'ticket.no_show') THEN NEW.clerk_id END,
      NEW.type = 'ticket.no_show', NEW.type = 'ticket.voided', NEW.type = 'ticket.expired', NEW.type = 'ticket.transferred',
      CASE WHEN NEW.type = 'ticket.finished' THEN json_extract(NEW.data, '$.outcome') END,
      CASE WHEN NEW.type = 'rating.recorded' THEN json_extract(NEW.data, '$.level') END,
      CASE WHEN NEW.type = 'rating.recorded' THEN json_extract(NEW.data, '$.score') END)
    ON CONFLICT (day, ticket_id) DO UPDATE SET
      issued_at = COALESCE(issued_at, excluded.issued_at), issued_field = COALESCE(issued_field, excluded.issued_field),
      first_call = COALESCE(MIN(first_call, excluded.first_call), first_call, excluded.first_call),
      last_call = COALESCE(MAX(last_call, excluded.last_call), last_call, excluded.last_call),
      finished_at = COALESCE(excluded.finished_at, finished_at),
      end_field = COALESCE(excluded.end_field, end_field),
      counter_id = COALESCE(excluded.counter_id, counter_id), clerk_id = COALESCE(excluded.clerk_id, clerk_id),
      no_show = MAX(no_show, excluded.no_show), voided = MAX(voided, excluded.voided), expired = MAX(expired, excluded.expired),
      transferred = MAX(transferred, excluded.transferred), outcome = COALESCE(excluded.outcome, outcome),
      level = COALESCE(excluded.level, level), score = COALESCE(excluded.score, score);
  END;
  INSERT INTO report_tickets SELECT day, ticket_id,
    MAX(CASE WHEN type = 'ticket.issued' THEN at END), MAX(CASE WHEN type = 'ticket.issued' THEN field_id END),
    MIN(CASE WHEN type = 'ticket.called' THEN at END), MAX(CASE WHEN type = 'ticket.called' THEN at END),
    MAX(CASE WHEN type = 'ticket.finished' THEN at END),
    COALESCE(MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show', 'ticket.voided', 'ticket.expired') THEN field_id END), MAX(CASE WHEN type = 'ticket.issued' THEN field_id END)),
    MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show') THEN counter_id END), MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show') THEN clerk_id END),
    MAX(type = 'ticket.no_show'), MAX(type = 'ticket.voided'), MAX(type = 'ticket.expired'), MAX(type = 'ticket.transferred'),
    MAX(CASE WHEN type = 'ticket.finished' THEN json_extract(data, '$.outcome') END),
    MAX(CASE WHEN type = 'rating.recorded' THEN json_extract(data, '$.level') END),
    MAX(CASE WHEN type = 'rating.recorded' THEN json_extract(data, '$.score') END)
  FROM events WHERE ticket_id IS NOT NULL AND (type LIKE 'ticket.%' OR type = 'rating.recorded') GROUP BY day, ticket_id;
  `,
  /* 5: outbox events set aside (the provincial system refuses them for good), pruning of sent rows */ `
  ALTER TABLE outbox ADD COLUMN parked_at INTEGER;
  DROP INDEX outbox_unsent;
  CREATE INDEX outbox_pending ON outbox(id) WHERE sent_at IS NULL AND parked_at IS NULL;
  CREATE INDEX outbox_parked ON outbox(id) WHERE parked_at IS NOT NULL;
  CREATE INDEX outbox_sent ON outbox(sent_at) WHERE sent_at IS NOT NULL;
  `,
  /* 6: a ticket's number series is the field it was issued for, not the field a transfer moved it to. Migration 1
     made (day, field_id, seq) unique, so a transfer to a field that had issued the same seq failed. */ `
  CREATE TABLE tickets_v6 (
    id TEXT PRIMARY KEY, day TEXT NOT NULL, field_id TEXT NOT NULL, series_field_id TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT NOT NULL,
    priority TEXT, status TEXT NOT NULL, source TEXT NOT NULL, issued_at INTEGER NOT NULL, order_at INTEGER NOT NULL,
    serial INTEGER NOT NULL, counter_id TEXT, clerk_id TEXT, target_counter_id TEXT, called_at INTEGER, finished_at INTEGER,
    recalls INTEGER NOT NULL DEFAULT 0, outcome TEXT, dossier_code TEXT, rating TEXT,
    UNIQUE (day, series_field_id, seq));
  INSERT INTO tickets_v6 SELECT id, day, field_id,
    COALESCE((SELECT e.field_id FROM events e WHERE e.ticket_id = tickets.id AND e.type = 'ticket.issued' ORDER BY e.seq LIMIT 1), field_id),
    seq, number, priority, status, source, issued_at, order_at, serial, counter_id, clerk_id, target_counter_id, called_at, finished_at,
    recalls, outcome, dossier_code, rating FROM tickets ORDER BY rowid;
  DROP TABLE tickets;
  ALTER TABLE tickets_v6 RENAME TO tickets;
  CREATE INDEX tickets_status ON tickets(status, day);
  `,
  /* 7: a number is never issued twice, whatever the clock does (issue 19): a second `ticket.issued` event for a
     ticket id is refused by the database itself (the store also inserts new tickets, never upserts them). A trigger,
     not a unique index, so that a database already holding such a duplicate still opens. */ `
  CREATE INDEX events_issued ON events(ticket_id) WHERE type = 'ticket.issued';
  CREATE TRIGGER events_issue_once BEFORE INSERT ON events
    WHEN NEW.type = 'ticket.issued' AND EXISTS (SELECT 1 FROM events WHERE type = 'ticket.issued' AND ticket_id = NEW.ticket_id)
    BEGIN SELECT RAISE(ABORT, 'ticket number already issued'); END;
  `,
  /* 8: bookings and numbers from a phone (issue 22, broker/booking/, broker/phone/). The slot table's CHECK is what
     refuses an overbooking: `taken` never passes `capacity`, whatever the callers do. Identity is never stored: a
     person is an HMAC under a key of the booking's day (person_day_keys), deleted with that day's uses once the day
     is over; phone numbers are erased `booking.phoneRetentionDays` after their day. */ `
  ALTER TABLE tickets ADD COLUMN slot_at INTEGER;
  CREATE TABLE booking_slots (day TEXT NOT NULL, field_id TEXT NOT NULL, slot TEXT NOT NULL, capacity INTEGER NOT NULL, taken INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, field_id, slot), CHECK (taken >= 0 AND taken <= capacity)) WITHOUT ROWID;
  CREATE TABLE bookings (
    code TEXT PRIMARY KEY, day TEXT NOT NULL, field_id TEXT NOT NULL, slot TEXT NOT NULL, slot_at INTEGER NOT NULL, procedure_id TEXT,
    channel TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, phone TEXT, ticket_id TEXT, checked_in_at INTEGER, ended_at INTEGER);
  CREATE INDEX bookings_day ON bookings(day, status);
  CREATE TABLE phone_tickets (ticket_id TEXT PRIMARY KEY, day TEXT NOT NULL, phone TEXT, channel TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX phone_tickets_day ON phone_tickets(day);
  CREATE TABLE person_day_keys (day TEXT PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID;
  CREATE TABLE person_uses (day TEXT NOT NULL, person TEXT NOT NULL, ref TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (day, person, ref)) WITHOUT ROWID;
  CREATE TABLE otp_codes (id TEXT PRIMARY KEY, phone_hash TEXT NOT NULL, code_hash TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, proof_hash TEXT, proof_until INTEGER);
  CREATE INDEX otp_codes_phone ON otp_codes(phone_hash, created_at);
  CREATE INDEX otp_codes_proof ON otp_codes(proof_hash) WHERE proof_hash IS NOT NULL;
  `,
  /* 9: citizens' messages (broker/messages/, issue 22b). msg_subscriptions: a ticket whose holder asked for messages, with
     the phone (normalised 84xxxxxxxxx) until it is erased; msg_outbox: each message to send, its attempts and outcome. A
     phone is erased (set NULL, with the message's variables) `messages.keepPhoneDays` after `purpose_day`; the rows stay
     for the reports (kind, status, times), holding nothing personal. */ `
  CREATE TABLE msg_subscriptions (
    ticket_id TEXT PRIMARY KEY, phone TEXT, purpose_day TEXT NOT NULL, lang TEXT NOT NULL DEFAULT 'vi', created_at INTEGER NOT NULL,
    changes INTEGER NOT NULL DEFAULT 0, ahead_sent INTEGER NOT NULL DEFAULT 0, erased_at INTEGER);
  CREATE INDEX msg_subscriptions_day ON msg_subscriptions(purpose_day) WHERE erased_at IS NULL;
  CREATE TABLE msg_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, idem_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, phone TEXT, vars TEXT NOT NULL,
    ticket_id TEXT, booking_code TEXT, purpose_day TEXT NOT NULL, day TEXT NOT NULL, created_at INTEGER NOT NULL, send_after INTEGER, valid_until INTEGER,
    status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, gateway TEXT, gateway_id TEXT,
    done_at INTEGER, erased_at INTEGER);
  CREATE INDEX msg_outbox_pending ON msg_outbox(id) WHERE status = 'pending';
  CREATE INDEX msg_outbox_day ON msg_outbox(day, kind, status);
  CREATE INDEX msg_outbox_purpose ON msg_outbox(purpose_day) WHERE erased_at IS NULL;
  CREATE INDEX msg_outbox_booking ON msg_outbox(booking_code) WHERE booking_code IS NOT NULL;
  `,
  /* 10: store-and-forward to the provincial MQTT broker (broker/onestop/mqtt-bridge.ts, issue 24). The event log is the
     outbox of the event stream (its seq is the office's sequence): uplink_cursor holds the last seq the broker
     acknowledged, and the last seq the province confirmed it stored (every seq up to it). Device-health snapshots wait in uplink_health until acknowledged. */ `
  CREATE TABLE uplink_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), acked_seq INTEGER NOT NULL, acked_at INTEGER, confirmed_seq INTEGER, confirmed_at INTEGER);
  CREATE TABLE uplink_health (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, body TEXT NOT NULL, sent_at INTEGER);
  CREATE INDEX uplink_health_pending ON uplink_health(id) WHERE sent_at IS NULL;
  `,
];
