/** Public surface of the firmware bridge (wired into the hub and the CLI by the lead). */
export { MqttDevice, type MqttDeviceOptions } from './mqtt-device.js';
export { startBridge, type BridgeOptions, type RunningBridge } from './runner.js';
export { validateBridgeConfig, DRIVERS, type BridgeConfig, type BridgeDeviceConfig, type DriverName } from './config.js';
export { scanDevices, formatScan, type ScannedDevice, type ScanOptions } from './scan.js';
export { runBridgeCli, runScanCli, loadBridgeConfig } from './cli.js';
export { SimSerialBus, type SerialDeviceSim } from './serial/sim-bus.js';
export { realSerial, type SerialOpener, type SerialStream, type PortInfoLite } from './serial/link.js';
export { SimHidBus, SimHidDevice, realHid, type HidBackend, type HidDevice, type HidInfo } from './hid/hid-device.js';
export { keyReport } from './hid/report.js';
export { FakeFirmata } from './firmata/fake-board.js';
export { Max7219Watcher, Hd44780Watcher } from './firmata/peripherals.js';
export { LedBoardSim } from './led/board-sim.js';
export { toLcdAscii } from './text.js';
