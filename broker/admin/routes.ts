import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../http/admin.js';
import { ConfigError, validateConfig } from '../../config/load.js';
import { McError } from '../../protocol/errors.js';
import { requireStaff } from '../http/auth.js';
import { errorSchema } from '../http/errors.js';
import { queryAudit } from './audit.js';
import { describeChange, extraProblems, mayEdit, redacted, SECTION_NAMES, SECTIONS, withSection, type Section } from './config-edit.js';
import { ticketPreviewPng } from './preview.js';
import { adminConfigAnswer, auditAnswer, configAppliedAnswer } from '../http/responses.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Office configuration editing (by section, validated, applied live), the audit log and the ticket print preview. */
export function adminConfigRoutes(app: FastifyInstance, hub: Pick<AdminDeps, 'cfg' | 'clock' | 'db' | 'staff' | 'applyConfig' | 'publicBase'>): void {
  const mgr = requireStaff(hub.staff, ['technician', 'manager']);

  app.get('/api/admin/config', { onRequest: mgr, schema: { tags: ['admin'], summary: 'The configuration in force (secrets hidden) and which sections the caller may edit', response: { 200: adminConfigAnswer, ...errors } } },
    async (req) => ({ config: redacted(hub.cfg), editable: SECTION_NAMES.filter((s) => req.staff && mayEdit(req.staff.role, s)), sections: SECTIONS }));

  app.put<{ Params: { section: Section }; Body: { value: unknown } }>('/api/admin/config/:section', {
    onRequest: mgr,
    schema: { tags: ['admin'], summary: 'Replace one section of the office configuration; applied without a restart where possible',
      params: { type: 'object', additionalProperties: false, required: ['section'], properties: { section: { type: 'string', enum: SECTION_NAMES } } },
      body: { type: 'object', additionalProperties: false, required: ['value'], properties: { value: { anyOf: [{ type: 'object' }, { type: 'array' }] } } },
      response: { 200: configAppliedAnswer, ...errors } },
  }, async (req) => {
    const { section } = req.params;
    const who = req.staff;
    if (!who || !mayEdit(who.role, section)) throw new McError('MC_ERR_FORBIDDEN', `only ${SECTIONS[section].join(' or ')} may change ${section}`);
    const doc = withSection(hub.cfg, section, req.body.value);
    const extra = extraProblems(section, doc[section]);
    if (extra.length) { // report every problem at once: the schema's and ours
      let schema: ConfigError['problems'] = [];
      try { validateConfig(doc, 'admin'); } catch (e) { if (e instanceof ConfigError) schema = e.problems; else throw e; }
      throw configInvalid(new ConfigError('admin', [...schema, ...extra]));
    }
    const before = hub.cfg[section];
    let r: { restartRequired: boolean };
    try { r = hub.applyConfig(doc, who.username); } catch (e) {
      if (e instanceof ConfigError) throw configInvalid(e);
      throw e;
    }
    hub.staff.audit(who.username, `config.${section}`, describeChange(before, hub.cfg[section]));
    return { ok: true, restartRequired: r.restartRequired, config: redacted(hub.cfg) };
  });

  app.get<{ Querystring: { limit?: number; before?: number; actor?: string; action?: string } }>('/api/audit', {
    onRequest: mgr,
    schema: { tags: ['admin'], summary: 'Audit log: who changed what, when (newest first)',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, before: { type: 'integer', minimum: 1 },
        actor: { type: 'string', maxLength: 64 }, action: { type: 'string', maxLength: 64 } } },
      response: { 200: auditAnswer, ...errors } },
  }, async (req) => ({ entries: queryAudit(hub.db, req.query) }));

  app.get<{ Querystring: { fieldId?: string; paper?: 58 | 80; text?: 'raster' | 'cp1258'; priority?: 'elderly' | 'pregnant' | 'disabled' } }>('/api/admin/ticket-preview.png', {
    onRequest: mgr,
    schema: { tags: ['admin'], summary: 'Print preview of a sample ticket with the current texts (PNG)',
      querystring: { type: 'object', additionalProperties: false, properties: { t: { type: 'integer', description: 'cache buster' }, fieldId: { type: 'string', maxLength: 32 }, paper: { type: 'integer', enum: [58, 80] },
        text: { type: 'string', enum: ['raster', 'cp1258'] }, priority: { type: 'string', enum: ['elderly', 'pregnant', 'disabled'] } } } },
  }, async (req, reply) => {
    if (req.query.fieldId && !hub.cfg.fields.some((f) => f.id === req.query.fieldId)) throw new McError('MC_ERR_UNKNOWN_FIELD', req.query.fieldId);
    const png = ticketPreviewPng(hub.cfg, { ...req.query, at: hub.clock(), baseUrl: hub.publicBase() });
    return reply.header('content-type', 'image/png').header('cache-control', 'no-store').send(png);
  });
}

/** A ConfigError as the HTTP answer: 400 MC_ERR_CONFIG_INVALID with every problem and its path. */
function configInvalid(e: ConfigError): McError {
  return new McError('MC_ERR_CONFIG_INVALID', e.problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems: e.problems });
}
