// One replica: a worker thread holding its own onnxruntime session (one intra-op thread, so N
// replicas use N cores). It loads the model, answers a warm-up, then runs batches one at a time.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { parentPort, threadId } from 'node:worker_threads';
import type { FromReplica, ModelSignature, TensorSpec, ToReplica, WireFeeds } from './replica-protocol';
import { warmUpFeeds } from './warm-up.domain';

const port = parentPort!;
let session: InferenceSession | undefined;
let queue: Promise<void> = Promise.resolve();

const send = (message: FromReplica) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function specOf(meta: InferenceSession.ValueMetadata): TensorSpec {
  if (!meta.isTensor) return { name: meta.name, isTensor: false, type: null, shape: null };
  return { name: meta.name, isTensor: true, type: meta.type, shape: [...meta.shape] };
}

async function run(feeds: WireFeeds): Promise<WireFeeds> {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(feeds)) tensors[name] = new Tensor(t.type as never, t.data as never, t.dims);
  const fetches = session!.outputMetadata.filter((o) => o.isTensor).map((o) => o.name);
  const results = await session!.run(tensors, fetches);
  const outputs: WireFeeds = {};
  for (const [name, value] of Object.entries(results)) {
    outputs[name] = { type: value.type, data: value.data as never, dims: [...value.dims] };
  }
  return outputs;
}

async function load(bytes: Uint8Array): Promise<void> {
  try {
    // Failures are answered to the caller and counted; onnxruntime's own log would only repeat them.
    session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 });
  } catch (error) {
    return send({ kind: 'load-failed', message: `cannot load the ONNX model: ${messageOf(error)}` });
  }
  const model: ModelSignature = {
    inputs: session.inputMetadata.map(specOf),
    outputs: session.outputMetadata.map(specOf),
  };
  try {
    await run(warmUpFeeds(model));
  } catch (error) {
    return send({ kind: 'load-failed', message: `the model failed its warm-up inference: ${messageOf(error)}` });
  }
  send({ kind: 'ready', model, threadId });
}

async function answer(id: number, feeds: WireFeeds): Promise<void> {
  try {
    // Copied, not transferred: onnxruntime may own the outputs' memory.
    send({ kind: 'result', id, outputs: await run(feeds), threadId });
  } catch (error) {
    send({ kind: 'run-failed', id, message: messageOf(error) });
  }
}

port.on('message', (message: ToReplica) => {
  if (message.kind === 'load') void load(message.bytes);
  // One run at a time: the replica is one thread of compute, however many requests wait.
  else queue = queue.then(() => answer(message.id, message.feeds));
});
