// Peer comparison of scripts/bench: validates the equivalent form.io form (written by
// `bench-native formio <path>`) with form.io's own engine, @formio/core `processSync` with the
// `evaluator` processors (calculate, logic, conditions, clearHidden, validate) — the pass the
// form.io server runs over a submission. Prints key=value lines (microseconds).
//
// usage: node formio.cjs <formio.json> <iterations>
'use strict';

const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { processSync, ProcessTargets } = require('@formio/core');

const [file, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg || 200);
const { form, data } = JSON.parse(fs.readFileSync(file, 'utf8'));

function validateOnce() {
  // processSync mutates data and components; each run gets fresh copies (not timed).
  const submissionData = structuredClone(data);
  const components = structuredClone(form.components);
  const context = {
    form: { ...form, components },
    submission: { data: submissionData },
    data: submissionData,
    components,
    processors: ProcessTargets.evaluator,
    scope: { errors: [] },
    config: { server: true },
  };
  const start = performance.now();
  processSync(context);
  const end = performance.now();
  return { micros: (end - start) * 1000, context };
}

// Check first that the engine accepts the answers, i.e. it really validated everything.
const first = validateOnce();
const errors = first.context.scope.errors || [];
if (errors.length > 0) {
  console.error(`form.io rejected the benchmark answers (${errors.length} errors):`);
  for (const error of errors.slice(0, 10)) {
    console.error(`  ${error.context?.path ?? error.context?.component?.key}: ${error.errorKeyOrMessage ?? error.message}`);
  }
  process.exit(1);
}
const visible = Object.keys(first.context.data).length;
const hidden = Object.values(first.context.scope.conditionals || [])
  .filter((entry) => entry.conditionallyHidden).length;

for (let i = 0; i < Math.min(20, iterations); i++) validateOnce();
const times = [];
for (let i = 0; i < iterations; i++) times.push(validateOnce().micros);
times.sort((a, b) => a - b);
const rank = (fraction) => times[Math.min(times.length, Math.max(1, Math.ceil(fraction * times.length))) - 1];
const mean = times.reduce((sum, value) => sum + value, 0) / times.length;
console.log(`formio_version=${JSON.parse(fs.readFileSync(require.resolve('@formio/core').replace(/lib[\\/]index\.js$/, 'package.json'), 'utf8')).version}`);
console.log(`formio_kept_keys=${visible}`);
console.log(`formio_hidden=${hidden}`);
console.log(`formio_runs=${times.length}`);
console.log(`formio_min_us=${times[0].toFixed(1)}`);
console.log(`formio_median_us=${rank(0.5).toFixed(1)}`);
console.log(`formio_p95_us=${rank(0.95).toFixed(1)}`);
console.log(`formio_mean_us=${mean.toFixed(1)}`);
