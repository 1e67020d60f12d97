/** A reception point's figures for the center's other points: the forecast's central figure weighted by who waits
 * where; fields without a forecast yet (no history) count in the people waiting but not in the wait. */
import t from 'tap';
import { pointFigures } from '../../broker/onestop/mqtt-bridge.js';

t.test('point figures from the fields\' forecasts', async (t) => {
  t.same(pointFigures([{ waiting: 3, minutes: 10 }, { waiting: 1, minutes: 30 }]), { waiting: 4, minutes: 15 }, 'weighted by who waits where');
  t.same(pointFigures([{ waiting: 3, minutes: 10 }, { waiting: 2, minutes: null }]), { waiting: 5, minutes: 10 }, 'a field with no forecast counts in the waiting only');
  t.same(pointFigures([{ waiting: 4, minutes: null }]), { waiting: 4, minutes: null }, 'no forecast at all: no wait is told, only the count');
  t.same(pointFigures([{ waiting: 0, minutes: null }]), { waiting: 0, minutes: 0 }, 'nobody waiting: no wait');
});
