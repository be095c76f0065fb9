import { ValidationError } from '@ledger/contracts';
import { checkInputExample } from './input-example';
import { validateVersionLabel } from './version-label';

describe('labels a team chooses for its versions', () => {
  it.each(['20240226', '20240229', '1.0.0', '10.20.30', '2.1.0-rc.1'])('accepts %s', (label) => {
    expect(validateVersionLabel(label)).toBe(label);
  });

  it.each([
    ['2024-02-26', /must be a date/],
    ['20230229', /is not a calendar date/],
    ['20241301', /is not a calendar date/],
    ['1.0', /must be a date/],
    ['v1.0.0', /must be a date/],
  ])('refuses %s, naming the label', (label, message) => {
    expect(() => validateVersionLabel(label)).toThrow(ValidationError);
    expect(() => validateVersionLabel(label)).toThrow(message);
  });
});

describe('input examples checked against the signature', () => {
  const signature = {
    inputs: [
      { name: 'age', type: 'int64' },
      { name: 'active', type: 'boolean' },
      { name: 'pixels', type: 'float32', shape: [-1, 2, 2] },
    ],
    outputs: [],
  };

  it('accepts rows with every input of its type, missing values as null', () => {
    expect(() =>
      checkInputExample(
        [
          {
            age: 3,
            active: true,
            pixels: [
              [1, 2],
              [3, 4],
            ],
          },
          { age: null, active: false, pixels: null },
        ],
        signature,
      ),
    ).not.toThrow();
  });

  it.each([
    [{ age: 1.5e3, active: 'yes', pixels: [] }, /inputExample\[0\]\.active: "yes" is not of the input's type boolean/],
    [{ age: [1], active: true, pixels: [] }, /inputExample\[0\]\.age: \[1\] is not of the input's type int64/],
    [{ age: 1, active: true }, /inputExample\[0\]: misses the input "pixels" \(float32\[-1,2,2\]\)/],
  ])('refuses %j naming the column', (row, message) => {
    expect(() => checkInputExample([row], signature)).toThrow(message);
  });

  it('needs a signature, and does not match unnamed inputs by name', () => {
    expect(() => checkInputExample([{ a: 1 }], null)).toThrow(/needs a signature/);
    expect(() => checkInputExample([{ a: 1 }], { inputs: [{ type: 'float32' }], outputs: [] })).not.toThrow();
  });
});
