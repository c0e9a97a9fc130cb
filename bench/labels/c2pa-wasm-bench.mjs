// Signs and verifies every .jpg of a folder with c2pa-rs (WebAssembly build) in one Node process, the
// same way shared/tools/c2pa-ref/sign.mjs and verify.mjs do for one file, and prints files per second.
// Usage: node c2pa-wasm-bench.mjs TOOL_DIR KEY CHAIN ROOT IN_DIR OUT_DIR
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [toolDir, keyFile, chainFile, rootFile, inDir, outDir] = process.argv.slice(2);
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
const definition = JSON.stringify({
  claim_generator_info: [{ name: 'c2pa-ref-bench', version: '0.1.0' }],
  assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created', digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia' }] } }],
});
const context = JSON.stringify({ verify: { verify_trust: true }, trust: { trust_anchors: fs.readFileSync(rootFile, 'utf8') } });

const files = fs.readdirSync(inDir).filter((f) => f.endsWith('.jpg')).sort();
const inputs = files.map((f) => new Uint8Array(fs.readFileSync(path.join(inDir, f))));
fs.mkdirSync(outDir, { recursive: true });

async function sign(bytes) {
  const builder = WasmBuilder.fromJson(definition);
  try { return await builder.sign(signer, [], 'image/jpeg', new MemBlob(bytes, 'image/jpeg')); } finally { builder.free(); }
}
async function verify(bytes) {
  const reader = await WasmReader.fromBytes('image/jpeg', bytes, context);
  try { return JSON.parse(reader.json()).validation_state; } finally { reader.free(); }
}

for (let i = 0; i < 20; i++) await verify(await sign(inputs[i % inputs.length])); // warm-up

// Bytes in memory to bytes in memory, as the Senim side does; five rounds, the median is reported.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const signRates = [];
const verifyRates = [];
let signed = [];
let trusted = 0;
for (let round = 0; round < 5; round++) {
  let start = process.hrtime.bigint();
  signed = [];
  for (let i = 0; i < files.length; i++) signed.push(await sign(inputs[i]));
  signRates.push(files.length / (Number(process.hrtime.bigint() - start) / 1e9));
  start = process.hrtime.bigint();
  trusted = 0;
  for (const bytes of signed) if (await verify(bytes) === 'Trusted') trusted++;
  verifyRates.push(files.length / (Number(process.hrtime.bigint() - start) / 1e9));
}
files.forEach((f, i) => fs.writeFileSync(path.join(outDir, f), signed[i]));
const r = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
console.log(`c2pa-wasm: sign+embed ${median(signRates).toFixed(0).padStart(7)} files/s   verify ${median(verifyRates).toFixed(0).padStart(7)} files/s   (median of 5 rounds of ${files.length}; rounds ${r(signRates)} / ${r(verifyRates)}; ${trusted} trusted)`);
