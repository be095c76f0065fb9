import { ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { datasetDecider } from '../dataset.decider';
import { register, registered, SHA_A, SHA_B } from '../dataset.fixtures';

describe('register a dataset version', () => {
  it('records the first upload of a name as version 1, with what DuckDB measured', () => {
    given(datasetDecider, [])
      .when(register())
      .then([registered(1)]);
  });

  it('records other bytes as the next version', () => {
    given(datasetDecider, [registered(1), registered(2, { sha256: SHA_B })])
      .when(register({ sha256: SHA_A }))
      .then([registered(3, { sha256: SHA_A })]);
  });

  it('answers the latest version, recording nothing, when the same bytes, format and description come again', () => {
    given(datasetDecider, [registered(1, { description: 'March holdout' })])
      .when(register({ description: 'March holdout' }))
      .thenNothing();
  });

  it('records a new version for the same bytes with another description or format', () => {
    given(datasetDecider, [registered(1)])
      .when(register({ description: 'relabelled' }))
      .then([registered(2, { description: 'relabelled' })]);
    given(datasetDecider, [registered(1)])
      .when(register({ format: 'jsonl' }))
      .then([registered(2, { format: 'jsonl' })]);
  });

  it('records the content of an older version as a new version: the dataset moved back', () => {
    given(datasetDecider, [registered(1, { sha256: SHA_A }), registered(2, { sha256: SHA_B })])
      .when(register({ sha256: SHA_A }))
      .then([registered(3, { sha256: SHA_A })]);
  });

  it('refuses a dataset without rows or without columns', () => {
    given(datasetDecider, [])
      .when(register({ rowCount: 0 }))
      .thenThrows(ValidationError, /body: the dataset has no rows/);
    given(datasetDecider, [])
      .when(register({ columns: [] }))
      .thenThrows(ValidationError, /body: the dataset has no columns/);
  });
});
