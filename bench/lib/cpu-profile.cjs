// Preloaded into Docket's processes when BENCH_PROFILE_DIR is set (NODE_OPTIONS refuses --cpu-prof):
// profiles the process's main thread and writes a .cpuprofile there when it is told to stop or exits.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) {
      return;
    }
    written = true;
    // An in-process session answers synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        const name = process.argv[1].replace(/.*\/apps\//, '').replace(/\W+/g, '-');
        writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
    });
  };
  // Nest re-raises the stop signal once its hooks ran, so the API never reaches 'exit': take the
  // profile at the signal. `once` leaves the signal's default (ending the process) to the re-raise.
  process.once('SIGTERM', write);
  process.once('SIGINT', write);
  process.on('exit', write);
}
