// Which folder may import which: arrows point one way, down to protocol/ (docs/architecture.md, "Rooms").
// Kept apart from eslint.config.js so that test/protocol/boundaries.test.ts can run these rules alone.
const up = (...dirs) => dirs.map((d) => `**/${d}/**`);
const rule = (files, groups, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
});

export const boundaries = [
  rule(['protocol/**/*.ts'], up('broker', 'kiosk', 'display-driver', 'firmware-bridge', 'printer', 'web-lib', 'config'),
    'protocol/ is the contract: it points to nothing of the parts that use it.'),
  rule(['printer/**/*.ts'], up('broker', 'kiosk', 'display-driver', 'firmware-bridge', 'web-lib'),
    'printer/ drivers depend on protocol/ and libraries only.'),
  rule(['firmware-bridge/**/*.ts'], up('broker', 'kiosk', 'display-driver', 'printer', 'web-lib'),
    'the bridge speaks the protocol; only the hub uses the printer drivers.'),
  rule(['kiosk/**/*.ts'], up('broker', 'display-driver', 'firmware-bridge', 'printer'),
    'pages depend on protocol/ and web-lib/, never on the hub or the bridge.'),
  rule(['display-driver/**/*.ts'], up('broker', 'kiosk', 'firmware-bridge', 'printer'),
    'displays depend on protocol/ and web-lib/, never on the hub, the kiosk or the bridge.'),
  rule(['web-lib/**/*.ts'], up('broker', 'kiosk', 'display-driver', 'firmware-bridge', 'printer', 'config'),
    'web-lib/ is shared by the pages: protocol/ and libraries only.'),
  rule(['config/**/*.ts'], up('broker', 'kiosk', 'display-driver', 'firmware-bridge', 'printer', 'web-lib'),
    'config/ depends on protocol/ and libraries only.'),
];
