// Label throughput of Senim and c2pa-rs (WebAssembly build), side by side in one run.
//
//   node compare.mjs TOOL_DIR KEY CHAIN ROOT IN_DIR -- COMMAND...
//
// COMMAND starts Senim's worker (Senim.Benchmarks labels worker KEY CHAIN ROOT IN_DIR), which answers
// "round START COUNT" with the seconds it took to sign files START.. in memory and verify what it signed.
// This script does the same rounds with c2pa-rs in its own process (the same manifest and ES256 COSE as
// shared/tools/c2pa-ref/sign.mjs), alternating the two sides round by round (and which goes first), so
// both see the same inputs under the same machine load.
//
// What is measured, and why (STYLE.md, "Measure what users send"):
// - varied inputs: round r takes the next ROUND files of the folder (all distinct), so a slice comes back
//   only after IN_DIR/ROUND rounds and a cache cannot answer a round from the previous ones;
// - cold: the first round of each side in a fresh process, reported on its own;
// - steady state: warm-up rounds continue until the last WINDOW rounds of a side agree within SPREAD
//   (sign and verify rates both), after at least MIN_WARM_SECONDS; then MEASURED rounds are timed and their
//   median reported with their range. A side that does not settle within MAX_WARM rounds is reported as
//   such (the machine is too busy for a steady figure).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import * as readline from 'node:readline';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const ROUND = Number(process.env.ROUND ?? 200);
const WINDOW = Number(process.env.WINDOW ?? 5);
const SPREAD = Number(process.env.SPREAD ?? 0.10);
const MIN_WARM_SECONDS = Number(process.env.MIN_WARM_SECONDS ?? 3);
const MAX_WARM = Number(process.env.MAX_WARM ?? 40);
const MEASURED = Number(process.env.MEASURED ?? 7);

const separator = process.argv.indexOf('--');
if (separator < 0 || separator !== 7 || process.argv.length < 9) {
  process.stderr.write('usage: node compare.mjs TOOL_DIR KEY CHAIN ROOT IN_DIR -- COMMAND...\n');
  process.exit(2);
}
const [toolDir, keyFile, chainFile, rootFile, inDir] = process.argv.slice(2, 7);
const command = process.argv.slice(separator + 1);

// ---- c2pa-rs side -------------------------------------------------------------------------------
const { c2pa, cbor, Tagged, MemBlob } = await import(pathToFileURL(path.join(toolDir, 'lib.mjs')).href);
const { WasmBuilder, WasmReader } = c2pa();
const key = crypto.createPrivateKey(fs.readFileSync(keyFile, 'utf8'));
const leaf = new crypto.X509Certificate(fs.readFileSync(chainFile, 'utf8'));
const protectedBytes = cbor(new Map([[1, -7], [33, leaf.raw]]));
const coseSign1 = (signature) => cbor(new Tagged(18, [protectedBytes, new Map([['pad', new Uint8Array(64)]]), null, signature]));
const reserveSize = coseSign1(new Uint8Array(64)).length;
const signer = {
  alg: 'es256', reserveSize,
  sign: async (claim) => new Uint8Array(coseSign1(crypto.sign('sha256', cbor(['Signature1', protectedBytes, new Uint8Array(0), new Uint8Array(claim)]), { key, dsaEncoding: 'ieee-p1363' }))),
};
const definition = (title) => JSON.stringify({
  title,
  claim_generator_info: [{ name: 'c2pa-ref-bench', version: '0.1.0' }],
  assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created', digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia' }] } }],
});
const context = JSON.stringify({ verify: { verify_trust: true }, trust: { trust_anchors: fs.readFileSync(rootFile, 'utf8') } });
const files = fs.readdirSync(inDir).filter((f) => f.endsWith('.jpg')).sort();
const inputs = files.map((f) => new Uint8Array(fs.readFileSync(path.join(inDir, f))));
const totalBytes = inputs.reduce((sum, b) => sum + b.length, 0);

async function wasmRound(start, count) {
  const signed = [];
  let t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const at = (start + i) % inputs.length;
    const builder = WasmBuilder.fromJson(definition(files[at]));
    try { signed.push(await builder.sign(signer, [], 'image/jpeg', new MemBlob(inputs[at], 'image/jpeg'))); } finally { builder.free(); }
  }
  const signS = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  let trusted = 0;
  for (const bytes of signed) {
    const reader = await WasmReader.fromBytes('image/jpeg', bytes, context);
    try { if (JSON.parse(reader.json()).validation_state === 'Trusted') trusted++; } finally { reader.free(); }
  }
  return { sign_s: signS, verify_s: Number(process.hrtime.bigint() - t) / 1e9, trusted };
}

// ---- Senim side: the worker process -------------------------------------------------------------
const worker = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = readline.createInterface({ input: worker.stdout })[Symbol.asyncIterator]();
async function nextLine() {
  const { value, done } = await lines.next();
  if (done) throw new Error('the Senim worker stopped');
  return value;
}
const ready = await nextLine();
if (ready !== `ready ${files.length}`) throw new Error(`the Senim worker said "${ready}", not "ready ${files.length}"`);
async function senimRound(start, count) {
  worker.stdin.write(`round ${start} ${count}\n`);
  return JSON.parse(await nextLine());
}

// ---- the run ------------------------------------------------------------------------------------
const sides = {
  senim: { name: 'senim', round: senimRound, rounds: [], warmSeconds: 0, settledAfter: null },
  wasm: { name: 'c2pa-wasm', round: wasmRound, rounds: [], warmSeconds: 0, settledAfter: null },
};
const rate = (r, what) => ROUND / r[what];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const settled = (side) => {
  const warm = side.rounds.slice(1);
  if (warm.length < WINDOW || side.warmSeconds < MIN_WARM_SECONDS) return false;
  const last = warm.slice(-WINDOW);
  return ['sign_s', 'verify_s'].every((what) => {
    const rates = last.map((r) => rate(r, what));
    return (Math.max(...rates) - Math.min(...rates)) / median(rates) <= SPREAD;
  });
};
let slice = 0;
async function play(side) {
  const result = await side.round((slice * ROUND) % inputs.length, ROUND);
  if (result.trusted !== ROUND) throw new Error(`${side.name}: ${result.trusted} of ${ROUND} signed files verified as Trusted`);
  return result;
}

// Warm-up (the first round of each side is the cold one), alternating which side goes first.
for (let r = 0; r < MAX_WARM && !(settled(sides.senim) && settled(sides.wasm)); r++, slice++) {
  for (const side of r % 2 === 0 ? [sides.senim, sides.wasm] : [sides.wasm, sides.senim]) {
    if (side.rounds.length > 0 && settled(side)) continue;
    const result = await play(side);
    side.rounds.push(result);
    if (side.rounds.length > 1) side.warmSeconds += result.sign_s + result.verify_s;
    if (side.settledAfter === null && settled(side)) side.settledAfter = side.rounds.length;
  }
}

// Steady state: both sides, alternating, the same slices.
const measured = { senim: [], wasm: [] };
for (let r = 0; r < MEASURED; r++, slice++) {
  for (const side of r % 2 === 0 ? [sides.senim, sides.wasm] : [sides.wasm, sides.senim]) {
    measured[side === sides.senim ? 'senim' : 'wasm'].push(await play(side));
  }
}
worker.stdin.write('quit\n');
worker.stdin.end();

const f = (x) => Math.round(x).toLocaleString('en-GB');
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`inputs: ${files.length} distinct JPEGs, ${f(totalBytes / files.length)} bytes each on average; each round signs the next ${ROUND} in memory and verifies what it signed (all Trusted); a slice recurs only after ${Math.floor(files.length / ROUND)} rounds`);
for (const id of ['senim', 'wasm']) {
  const side = sides[id];
  const cold = side.rounds[0];
  const rates = (what) => measured[id].map((r) => rate(r, what));
  const settledText = side.settledAfter === null
    ? `did NOT settle within ${MAX_WARM} rounds (machine too busy?)`
    : `settled after ${side.settledAfter - 1} warm rounds (${side.warmSeconds.toFixed(1)} s)`;
  console.log(`${side.name.padEnd(9)} cold (first round of a fresh process): sign ${f(rate(cold, 'sign_s')).padStart(6)} files/s, verify ${f(rate(cold, 'verify_s')).padStart(6)} files/s`);
  console.log(`${side.name.padEnd(9)} steady (median of ${MEASURED}, range): sign ${f(median(rates('sign_s'))).padStart(6)} files/s (${f(Math.min(...rates('sign_s')))}–${f(Math.max(...rates('sign_s')))}), verify ${f(median(rates('verify_s'))).padStart(6)} files/s (${f(Math.min(...rates('verify_s')))}–${f(Math.max(...rates('verify_s')))}); ${settledText}`);
}
const ratio = (what) => median(measured.senim.map((r) => rate(r, what))) / median(measured.wasm.map((r) => rate(r, what)));
const coldRatio = (what) => rate(sides.senim.rounds[0], what) / rate(sides.wasm.rounds[0], what);
console.log(`ratio     steady: sign ${ratio('sign_s').toFixed(1)}×, verify ${ratio('verify_s').toFixed(1)}×; cold: sign ${coldRatio('sign_s').toFixed(1)}×, verify ${coldRatio('verify_s').toFixed(1)}×; load average at the end ${load}`);
