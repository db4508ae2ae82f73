// Stands in for Node's "crypto" module, which kdbxweb names but uses only when
// WebCrypto is missing (in Node). Browsers always have WebCrypto; scripts/build.mjs
// points "crypto" here so the extension bundle needs no Node module.
export {};
