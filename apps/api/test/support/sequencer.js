// Starts the files that spawn servers or whole databases first (each takes tens of seconds, most of it in
// one process), so that on two workers the short files fill the time around them instead of one worker
// finishing them alone at the end. Otherwise jest's order: failed first, then longest by last duration.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = /\/(admin|backups|instances|shutdown|startup|migrations-upgrade|database-outage|demo-data|authorization|booking-emails|notifications)\.e2e-spec\.ts$/;

class SlowFilesFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((test) => SLOW.test(test.path)), ...sorted.filter((test) => !SLOW.test(test.path))];
  }
}

module.exports = SlowFilesFirst;
