import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cachedPythonVenv } from '@ledger/testing';
import { classifierHoldout } from '../onnx-fixtures.fixture';
import { dataPlaneUnderTest, DataPlaneUnderTest } from '../data-plane.harness';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../../..');

// Triton's own Python client, unchanged, against our Open Inference Protocol routes. Without
// `outputs` it asks for binary outputs (a Triton extension we do not declare) and reads JSON ones.
const CLIENT = `
import json, sys
import numpy as np
import tritonclient.http as http
url, rows = sys.argv[1], json.loads(sys.argv[2])
client = http.InferenceServerClient(url=url)
x = np.array(rows, dtype=np.float32)
def inputs():
    tensor = http.InferInput("float_input", list(x.shape), "FP32")
    tensor.set_data_from_numpy(x, binary_data=False)
    return [tensor]
wanted = [http.InferRequestedOutput("probabilities", binary_data=False)]
routed = client.infer("churn", inputs(), outputs=wanted, request_id="req-7")
pinned = client.infer("churn", inputs(), model_version="1")
try:
    client.infer("churn", [http.InferInput("float_input", [1, 3], "FP32").set_data_from_numpy(np.zeros((1, 3), np.float32), binary_data=False)])
    refused = None
except Exception as error:
    refused = str(error)
print(json.dumps({
    "live": client.is_server_live(),
    "ready": client.is_server_ready(),
    "modelReady": client.is_model_ready("churn"),
    "metadata": client.get_model_metadata("churn"),
    "id": routed.get_response()["id"],
    "probabilities": routed.as_numpy("probabilities").tolist(),
    "labels": pinned.as_numpy("label").tolist(),
    "refused": refused,
}))
`;

describe('a stock Open Inference Protocol client (tritonclient.http)', () => {
  let serving: DataPlaneUnderTest;
  let python: string;

  beforeAll(async () => {
    python = await cachedPythonVenv(ROOT, 'oip-client', ['tritonclient[http]==2.73.0', 'numpy==2.4.6']);
    serving = await dataPlaneUnderTest({ label: 'serving-oip-client' });
    await serving.loadFixture('classifier.onnx', 1);
    serving.plane.setTraffic('churn', 'production', { routes: [{ version: 1, weight: 100 }] });
  }, 600_000);
  afterAll(() => serving?.close());

  it('checks health, reads metadata and infers unchanged; a wrong shape comes back as its error', async () => {
    const { rows, expected } = await classifierHoldout();
    const { stdout } = await run(python, [
      '-c',
      CLIENT,
      serving.service.url.replace('http://', ''),
      JSON.stringify(rows),
    ]);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ live: true, ready: true, modelReady: true, id: 'req-7', labels: expected.labels });
    expect(answer.metadata.inputs).toEqual([{ name: 'float_input', datatype: 'FP32', shape: [-1, 8] }]);
    expected.probabilities.flat().forEach((p, i) => expect(answer.probabilities.flat()[i]).toBeCloseTo(p, 6));
    expect(answer.refused).toMatch(/does not fit the model's \[-1, 8\]/);
  });
});
