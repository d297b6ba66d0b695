// Preloaded into spawned sim processes by the bad-input tests: at exit, the process writes
// its own CPU time and peak resident memory, which no parent can read from Node.
import { writeFileSync } from 'node:fs';

const file = process.env.SIM_TEST_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
