/**
 * A simulated printer with its own MQTT firmware (the docs/protocol.md printer profile), for the demo, the tests and
 * firmware makers: it connects with its device credentials, publishes its retained `state` (status and paper),
 * takes print jobs on its `set` (ESC/POS bytes in base64), prints them through the byte-level simulator and
 * acknowledges each on its `event`. A repeated job id is acknowledged again, never printed twice. It answers the
 * hub's birth message with its availability and state.
 *
 * Faults a test can inject: setState('paper_out' | 'cover_open' | 'paper_low' | 'ok'), mute() (takes jobs and never
 * acknowledges them, like hung firmware), drop() (the link dies: the broker publishes the Last Will).
 */
import { once } from 'node:events';
import mqtt, { type MqttClient } from 'mqtt';
import { ProtocolClient } from '../protocol/client.js';
import type { PrinterStatus } from '../protocol/enums.js';
import type { PrintAckEvent, PrintJob, PrinterState } from '../protocol/messages.js';
import { deviceTopic, hubTopic, PROTOCOL_VERSION } from '../protocol/topics.js';
import { PrinterSimulator, type PrintedJob, type SimulatedState, type SimulatorOptions } from './simulator.js';

export interface MqttPrinterSimOptions extends SimulatorOptions { url: string; office: string; id: string; secret: string }

const PAPER: Record<SimulatedState, PrinterState['paper']> = { ok: 'ok', paper_low: 'low', paper_out: 'out', cover_open: undefined };

export class MqttPrinterSimulator {
  readonly sim: PrinterSimulator;
  private client: MqttClient | null = null;
  private core: ProtocolClient | null = null;
  private readonly answered = new Map<string, PrintAckEvent>();
  private muted = false;

  constructor(private readonly o: MqttPrinterSimOptions) { this.sim = new PrinterSimulator(o); }

  private topic<C extends 'availability' | 'state' | 'event' | 'set'>(ch: C) { return deviceTopic(this.o.office, 'printer', this.o.id, ch); }
  /** Jobs that came out on paper, oldest first. */
  get jobs(): readonly PrintedJob[] { return this.sim.jobs; }
  /** Print jobs received (printed or not), by id. */
  get received(): number { return this.answered.size; }

  async start(): Promise<void> {
    const o = this.o;
    const client = mqtt.connect(o.url, { clientId: o.id, username: o.id, password: o.secret, reconnectPeriod: 200,
      will: { topic: this.topic('availability'), payload: Buffer.from('offline'), qos: 1, retain: true } });
    this.client = client;
    const core = new ProtocolClient(client);
    this.core = core;
    core.on(this.topic('set'), (job) => this.onJob(job));
    core.onText(hubTopic.availability(o.office), (s) => { if (s === 'online') this.announce(); });
    client.on('connect', () => this.announce());
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', (e) => { if (!client.connected) { client.end(true); reject(e); } });
    });
  }

  /** Availability and retained state (after connecting and whenever the hub says it is online). */
  private announce(): void {
    this.core?.publish(this.topic('availability'), 'online', { retain: true, qos: 1 });
    this.publishState();
  }

  private publishState(): void {
    const s = this.sim.state;
    const paper = PAPER[s];
    this.core?.publish(this.topic('state'), { v: PROTOCOL_VERSION, status: s as PrinterStatus, ...(paper ? { paper } : {}) }, { retain: true, qos: 1 });
  }

  setState(s: SimulatedState): void {
    this.sim.setState(s);
    this.publishState();
  }

  /** Take jobs and never acknowledge them. */
  mute(): void { this.muted = true; }

  private onJob(job: PrintJob): void {
    if (job.op !== 'print' || typeof job.id !== 'string') return;
    const again = this.answered.get(job.id);
    const ack = again ?? this.print(job);
    this.answered.set(job.id, ack);
    if (!this.muted) this.core?.publish(this.topic('event'), ack, { qos: 1 });
  }

  private print(job: PrintJob): PrintAckEvent {
    const before = this.sim.jobs.length;
    const state = this.sim.state;
    if (state === 'ok' || state === 'paper_low') this.sim.receive(Buffer.from(job.data, 'base64'));
    const ok = this.sim.jobs.length > before;
    return { v: PROTOCOL_VERSION, type: 'print', id: job.id, ok, status: state as PrinterStatus, ...(ok ? {} : { detail: state === 'ok' || state === 'paper_low' ? 'no complete job (no cut)' : 'not printed' }) };
  }

  /** Resolves with the next printed job. */
  async nextJob(): Promise<PrintedJob> {
    const [job] = await once(this.sim, 'job');
    return job as PrintedJob;
  }

  /** The link dies without a DISCONNECT: the broker publishes the Last Will. */
  drop(): void {
    const c = this.client;
    this.client = null;
    (c?.stream as { destroy?: () => void } | undefined)?.destroy?.();
    c?.end(true);
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (c.connected) await c.publishAsync(this.topic('availability'), 'offline', { qos: 1, retain: true }).catch(() => undefined);
    await c.endAsync(true);
  }
}
