import { ValidationError } from '@ledger/contracts';
import { parseModelUri } from './model-uri';

describe('model URIs', () => {
  it.each([
    ['models:/churn/3', { name: 'churn', selector: { kind: 'version', version: 3 } }],
    ['models:/churn/production', { name: 'churn', selector: { kind: 'stage', stage: 'Production' } }],
    ['models:/churn/None', { name: 'churn', selector: { kind: 'stage', stage: 'None' } }],
    ['models:/churn/Latest', { name: 'churn', selector: { kind: 'latest' } }],
    ['models:/churn@champion', { name: 'churn', selector: { kind: 'alias', alias: 'champion' } }],
    ['models:/team@corp churn@champion', { name: 'team@corp churn', selector: { kind: 'alias', alias: 'champion' } }],
    ['models:/churn@latest', { name: 'churn', selector: { kind: 'latest' } }],
    ['models:/churn@LATEST', { name: 'churn', selector: { kind: 'latest' } }],
    ['models:/churn v2/1', { name: 'churn v2', selector: { kind: 'version', version: 1 } }],
  ])('parses %s', (uri, expected) => {
    expect(parseModelUri(uri)).toEqual(expected);
  });

  it.each([
    ['runs:/abc/model', /must start with "models:\/"/],
    ['models:/churn', /expected models:/],
    ['models:/churn/', /expected models:/],
    ['models:/churn@', /expected models:/],
    ['models:/churn/canary', /"canary" is not a version number, a stage/],
    ['models:/churn/0', /positive integer/],
    ['models:/churn/99999999999', /positive integer/],
  ])('refuses %s', (uri, message) => {
    expect(() => parseModelUri(uri)).toThrow(ValidationError);
    expect(() => parseModelUri(uri)).toThrow(message);
  });
});
