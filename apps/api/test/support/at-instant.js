// Sets business time for one test file of a multi-instant run (jest-integration.config.js): jest gives
// each test file its own copy of process.env, so files of other instants on the same worker never see it.
const instant = globalThis.EQUIPOLE_TEST_INSTANT;
if (instant) process.env.EQUIPOLE_NOW = instant;
else delete process.env.EQUIPOLE_NOW;
