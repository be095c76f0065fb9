'use strict';
// Jest's node environment runs each test file in its own realm but shares only ArrayBuffer and
// Uint8Array with Node's. onnxruntime-node's native binding builds output tensors with Node's
// typed arrays, and onnxruntime-common (loaded in the test realm) checks them with instanceof
// against the test realm's constructors: "A int64 tensor's data must be type of BigInt64Array".
// Sharing the other typed-array constructors too makes both realms agree.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class NodeEnvironmentWithSharedTypedArrays extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) if (globalThis[name]) this.global[name] = globalThis[name];
  }
}

module.exports = NodeEnvironmentWithSharedTypedArrays;
