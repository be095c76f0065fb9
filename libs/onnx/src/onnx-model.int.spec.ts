import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxModelError } from './errors';
import { loadOnnxModel, OnnxModel } from './model';
import { readClassifierOutputs, readRegressorOutput } from './sklearn-outputs';
import { matrixFromColumns } from './tensors';

// Real models made by fixtures/onnx/make_models.py (skl2onnx), run by the real onnxruntime-node.
const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/onnx', name));
const rowsOf = (rows: number, width: number) =>
  Array.from({ length: width }, (_, j) => Float64Array.from({ length: rows }, (_, i) => ((i + 1) * (j + 2)) % 17));

describe('an ONNX model loaded from its bytes', () => {
  const loaded: OnnxModel[] = [];
  const load = async (name: string) => {
    const model = await loadOnnxModel(fixture(name));
    loaded.push(model);
    return model;
  };
  afterAll(() => Promise.all(loaded.map((m) => m.release())));

  it('describes its inputs and outputs with names, element types and shapes', async () => {
    const model = await load('classifier.onnx');
    expect(model.description).toEqual({
      inputs: [{ name: 'float_input', isTensor: true, elementType: 'float32', shape: ['', 8] }],
      outputs: [
        { name: 'label', isTensor: true, elementType: 'int64', shape: [''] },
        { name: 'probabilities', isTensor: true, elementType: 'float32', shape: ['', 2] },
      ],
    });
  });

  it('scores a batch built from columns: one probability per class, the label is the likelier class', async () => {
    const model = await load('classifier.onnx');
    const outputs = await model.run({ float_input: matrixFromColumns('float32', rowsOf(5, 8)) });
    const { rows, classes, labels, probabilities } = readClassifierOutputs(model.description, outputs);
    expect([rows, classes]).toEqual([5, 2]);
    for (let i = 0; i < rows; i++) {
      expect(probabilities[2 * i] + probabilities[2 * i + 1]).toBeCloseTo(1, 6);
      expect(Number(labels!.data[i])).toBe(probabilities[2 * i + 1] > probabilities[2 * i] ? 1 : 0);
    }
  });

  it('runs a model with one named input per column', async () => {
    const model = await load('regressor.onnx');
    expect(model.description.inputs.map((i) => [i.name, i.shape])).toContainEqual(['tenure_months', ['', 1]]);
    const columns = rowsOf(3, 8);
    const feeds = Object.fromEntries(
      model.description.inputs.map((input, j) => [input.name, matrixFromColumns('float32', [columns[j]])]),
    );
    expect(readRegressorOutput(model.description, await model.run(feeds))).toHaveLength(3);
  });

  it('still returns the labels of a ZipMap classifier, and says why its probabilities cannot be read', async () => {
    const model = await load('classifier_zipmap.onnx');
    expect(model.description.outputs[1]).toEqual({
      name: 'output_probability',
      isTensor: false,
      elementType: null,
      shape: null,
    });
    const outputs = await model.run({ float_input: matrixFromColumns('float32', rowsOf(2, 8)) });
    expect([...outputs.keys()]).toEqual(['output_label']);
    expect(() => readClassifierOutputs(model.description, outputs)).toThrow(/ZipMap.*zipmap=False/);
  });

  it('refuses inputs of the wrong width with a typed error', async () => {
    const model = await load('classifier.onnx');
    const run = model.run({ float_input: matrixFromColumns('float32', rowsOf(2, 3)) });
    await expect(run).rejects.toThrow(OnnxModelError);
    await expect(run).rejects.toMatchObject({ problem: 'invalid-input', errorCode: 'INVALID_PARAMETER_VALUE' });
  });

  it('tells a damaged ONNX file from a file that is not ONNX at all', async () => {
    await expect(loadOnnxModel(fixture('broken.onnx'))).rejects.toMatchObject({
      problem: 'unreadable-model',
      message: expect.stringContaining('protobuf parsing failed'),
    });
    const pickle = Buffer.from([0x80, 0x04, 0x95, 0x10, 0x00]);
    await expect(loadOnnxModel(pickle)).rejects.toMatchObject({ problem: 'not-onnx' });
    await expect(loadOnnxModel(Buffer.alloc(0))).rejects.toMatchObject({ problem: 'not-onnx' });
  });
});
