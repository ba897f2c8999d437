// The Tushare fake in its own process (like a remote server: its CPU does not compete with the code
// under test). Imports the compiled copy of backend/test/fakes/tushare-fake.ts (see run.mjs).
import { startTushareFake } from './.build/test/fakes/tushare-fake.js';

const universeSize = Number(process.env.UNIVERSE_SIZE);
const lastDate = process.env.LAST_DATE;
const fake = await startTushareFake({ universeSize, lastDate, epoch: process.env.EPOCH || undefined });
process.send({ url: fake.url, universe: fake.market.universe.length });
process.on('message', async (message) => {
  if (message === 'calls') process.send({ calls: { ...fake.calls } });
  else if (message === 'reset') {
    fake.resetCounters();
    process.send({ reset: true });
  } else if (message === 'close') {
    await fake.close();
    process.exit(0);
  }
});
