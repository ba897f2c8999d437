// Preload for experiments on the API's tail latency (issue 9 item 4): event-loop delay and GC pauses
// by kind, dumped and reset whenever `$INSTR_OUT.trigger` appears (one line appended to $INSTR_OUT),
// and V8's sampling heap profiler (collected objects included) between `$INSTR_OUT.heapstart` and
// `$INSTR_OUT.heapstop` (written to `$INSTR_OUT.heapprofile`). Files, not signals: Nest's shutdown
// hooks end the app on SIGUSR2/SIGHUP. Use: `--api-env NODE_OPTIONS=--require=<abs path>,INSTR_OUT=/tmp/x`.

const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const fs = require('node:fs');
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
let gc = {}; let gcMax = 0;
const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incr', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
new PerformanceObserver((l) => { for (const e of l.getEntries()) { const k = kinds[e.detail?.kind ?? e.kind] ?? 'other'; const g = (gc[k] ??= { n: 0, ms: 0, max: 0 }); g.n++; g.ms += e.duration; g.max = Math.max(g.max, e.duration); } }).observe({ entryTypes: ['gc'] });
let cpu0 = process.cpuUsage();
const trig = (process.env.INSTR_OUT || '/tmp/api-read-probe.out') + '.trigger';
function dump() {
  const c = process.cpuUsage(cpu0); cpu0 = process.cpuUsage();
  const ms = (v) => (v / 1e6).toFixed(1);
  const line = `eld p50 ${ms(h.percentile(50))} p99 ${ms(h.percentile(99))} p999 ${ms(h.percentile(99.9))} max ${ms(h.max)} ms; gc ${JSON.stringify(Object.fromEntries(Object.entries(gc).map(([k, g]) => [k, `${g.n}x ${g.ms.toFixed(0)}ms max ${g.max.toFixed(1)}`])))}; cpu user ${(c.user/1000).toFixed(0)} sys ${(c.system/1000).toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed/1048576).toFixed(0)} MB rss ${(process.memoryUsage().rss/1048576).toFixed(0)} MB\n`;
  fs.appendFileSync(process.env.INSTR_OUT || '/tmp/api-read-probe.out', line);
  h.reset(); gc = {};
}
setInterval(() => { if (fs.existsSync(trig)) { fs.unlinkSync(trig); dump(); } }, 100).unref();
// allocation sampling: touch $INSTR_OUT.heapstart / .heapstop
const inspector = require('node:inspector');
let sess = null;
setInterval(() => {
  const base = process.env.INSTR_OUT || '/tmp/api-read-probe.out';
  if (fs.existsSync(base + '.heapstart')) {
    fs.unlinkSync(base + '.heapstart');
    sess = new inspector.Session(); sess.connect();
    sess.post('HeapProfiler.enable', () => sess.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, (e) => e && fs.appendFileSync(base, 'heapprof err ' + e.message + '\n')));
  }
  if (sess && fs.existsSync(base + '.heapstop')) {
    fs.unlinkSync(base + '.heapstop');
    sess.post('HeapProfiler.stopSampling', (e, r) => { fs.writeFileSync(base + '.heapprofile', JSON.stringify(r.profile)); sess.disconnect(); sess = null; });
  }
}, 100).unref();
// CPU profile between `$INSTR_OUT.cpustart` and `$INSTR_OUT.cpustop` (written to `$INSTR_OUT.cpuprofile`).
let cpuSess = null;
setInterval(() => {
  const base = process.env.INSTR_OUT || '/tmp/api-read-probe.out';
  if (!cpuSess && fs.existsSync(base + '.cpustart')) {
    fs.unlinkSync(base + '.cpustart');
    cpuSess = new inspector.Session(); cpuSess.connect();
    cpuSess.post('Profiler.enable', () => cpuSess.post('Profiler.setSamplingInterval', { interval: 200 }, () => cpuSess.post('Profiler.start')));
  }
  if (cpuSess && fs.existsSync(base + '.cpustop')) {
    fs.unlinkSync(base + '.cpustop');
    cpuSess.post('Profiler.stop', (e, r) => { fs.writeFileSync(base + '.cpuprofile', JSON.stringify(r.profile)); cpuSess.disconnect(); cpuSess = null; });
  }
}, 100).unref();
