/** The printer contract (test/printer/contract.ts) against both printer profiles, each played by its simulator. */
import { MqttPrinterSimulator, VirtualPrinter } from '../../printer/index.js';
import { printerContract, type PrinterRig } from './contract.js';

const PROFILE = { paper: 80, text: 'cp1258', model: 'epson' };

printerContract('network printer (TCP 9100, VirtualPrinter)', (): PrinterRig => {
  const vp = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  return {
    async prepare() { const { port } = await vp.start(); return { ...PROFILE, transport: 'tcp', host: '127.0.0.1', port }; },
    connect: async () => undefined,
    jobs: () => vp.jobs,
    nextJob: () => vp.nextJob(),
    setState: (s) => vp.setState(s),
    failNextJob: () => vp.dieAfterBytes(40),
    vanish: () => vp.stop(),
    stop: () => vp.stop(),
  };
});

printerContract('printer with its own MQTT firmware (MqttPrinterSimulator)', (): PrinterRig => {
  let sim: MqttPrinterSimulator | null = null;
  const must = () => { if (!sim) throw new Error('not started'); return sim; };
  return {
    prepare: async () => ({ ...PROFILE, transport: 'mqtt' }),
    async connect(th, secret) {
      sim = new MqttPrinterSimulator({ url: th.hub.brokerUrl, office: th.hub.cfg.office.id, id: 'printer-1', secret });
      await sim.start();
    },
    jobs: () => must().jobs,
    nextJob: () => must().nextJob(),
    setState: (s) => must().setState(s),
    failNextJob: () => must().mute(),
    vanish: async () => must().drop(),
    stop: async () => { await sim?.stop(); },
  };
});
