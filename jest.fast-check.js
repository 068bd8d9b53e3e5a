// Property tests (fast-check) draw a random seed on every run, so they keep finding new cases
// (one found a live-vs-rebuild difference this way). With FC_SEED set — `.ci/run` derives it from
// the commit — every run of a commit draws the same cases: a failure is reproducible from its
// commit, and a commit that passed once passes again.
const fc = require('fast-check');

if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
