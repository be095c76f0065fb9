import { InputExample, Signature, TensorSpec, ValidationError } from '@ledger/contracts';

const NUMERIC =
  /^(float|double|int|long|integer|uint|float16|float32|float64|int8|int16|int32|int64|uint8|uint16|uint32|uint64)$/i;
const TEXT = /^(string|str|binary|bytes|datetime)$/i;

/**
 * An input example must be something the model takes: with a named signature, every row has
 * exactly the signature's inputs, each value of its type (a tensor as a nested array of them).
 * Inputs fed by position (unnamed) cannot be matched by name; such rows are only typed as a whole.
 */
export function checkInputExample(example: InputExample, signature: Signature | null | undefined): void {
  if (!signature)
    throw new ValidationError('inputExample: needs a signature to be checked against; send signature too', {});
  const named = signature.inputs.filter((input): input is TensorSpec & { name: string } => input.name !== undefined);
  if (named.length < signature.inputs.length) return;
  const inputs = new Map(named.map((input) => [input.name, input]));
  example.forEach((row, i) => {
    for (const [column, value] of Object.entries(row)) {
      const input = inputs.get(column);
      if (!input)
        throw invalid(
          `inputExample[${i}].${column}: is not an input of the signature (inputs: ${[...inputs.keys()].join(', ')})`,
          column,
        );
      if (!fits(value, input))
        throw invalid(
          `inputExample[${i}].${column}: ${JSON.stringify(value)} is not of the input's type ${describe(input)}`,
          column,
        );
    }
    const missing = named.find((input) => !(input.name in row));
    if (missing)
      throw invalid(`inputExample[${i}]: misses the input "${missing.name}" (${describe(missing)})`, missing.name);
  });
}

const invalid = (message: string, column: string) => new ValidationError(message, { column });

const describe = (input: TensorSpec): string => (input.shape ? `${input.type}[${input.shape.join(',')}]` : input.type);

// A missing value (null) fits any input, as MLflow's schema enforcement allows optional columns.
function fits(value: unknown, input: TensorSpec): boolean {
  if (Array.isArray(value))
    return (
      (input.shape?.length ?? 0) > 0 && value.every((item) => fits(item, { ...input, shape: input.shape?.slice(1) }))
    );
  if (value === null) return true;
  if (NUMERIC.test(input.type)) return typeof value === 'number';
  if (/^bool(ean)?$/i.test(input.type)) return typeof value === 'boolean';
  if (TEXT.test(input.type)) return typeof value === 'string';
  return true;
}
