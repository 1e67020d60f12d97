import t from 'tap';
import { mkdirSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { OPEN_AT, startHub, tempDir, testClock } from '../helpers/hub.js';

/**
 * The hub bundles its web pages at each start. A hub restarts for years: the bundles live in memory and no build
 * folder stays in the temporary directory, not even one left by a hub killed during its build.
 */
t.test('web pages are bundled at start without leaving folders in the temporary directory', async (t) => {
  const tmp = tempDir('motcua-tmp-');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  t.teardown(() => { if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved; });
  // a folder left by a hub killed mid-build an hour ago, and one of a hub building right now
  const stale = join(tmp, 'motcua-web-deadhub');
  mkdirSync(join(stale, 'kiosk'), { recursive: true });
  const hourAgo = Date.now() / 1000 - 3600;
  utimesSync(stale, hourAgo, hourAgo);
  mkdirSync(join(tmp, 'motcua-web-building'));

  for (let i = 0; i < 3; i++) {
    const th = await startHub({ clock: testClock(OPEN_AT).now });
    const page = await fetch(`${th.url}/app/kiosk/kiosk.js`);
    t.equal(page.status, 200, `start ${i + 1}: the kiosk bundle is served`);
    t.ok((await page.text()).length > 10_000, 'and it is the bundled script');
    t.equal((await fetch(`${th.url}/app/display/hall.js`)).status, 200, 'so is the hall display');
    await th.stop();
  }
  t.same(readdirSync(tmp).filter((n) => n.startsWith('motcua-web-')), ['motcua-web-building'],
    'no build folder left after three starts; the stale one is swept, a recent one (another hub building) is kept');
});
