import { resolve } from 'node:path';

// eslint.config.js selects the files its purity rules apply to with this module (plain JS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { domainFiles, readServiceSources } = require('./domain-files') as {
  domainFiles(sources: Map<string, string>): string[];
  readServiceSources(root: string): Map<string, string>;
};

const SLICE = 'services/shop/src/order/placing-order';
const tree = (files: Record<string, string>) => domainFiles(new Map(Object.entries(files)));

describe('domain files', () => {
  it('are named so: decisions, evolutions, policies, workflows, deciders, *.domain.ts and <aggregate>.ts', () => {
    const files = tree({
      'services/shop/src/order/order.ts': '',
      'services/shop/src/order/order.decider.ts': '',
      [`${SLICE}/place-order.decide.ts`]: '',
      [`${SLICE}/place-order.evolve.ts`]: '',
      [`${SLICE}/refunds.policy.ts`]: '',
      [`${SLICE}/fulfilment.workflow.ts`]: '',
      [`${SLICE}/discount.domain.ts`]: '',
      [`${SLICE}/place-order.decide.unit.spec.ts`]: '',
      [`${SLICE}/place-order.http.ts`]: '',
      // A folder without a decider is no aggregate, whatever its files are called.
      'services/shop/src/searching/searching.ts': '',
    });

    expect(files).toEqual([
      'services/shop/src/order/order.decider.ts',
      'services/shop/src/order/order.ts',
      `${SLICE}/discount.domain.ts`,
      `${SLICE}/fulfilment.workflow.ts`,
      `${SLICE}/place-order.decide.ts`,
      `${SLICE}/place-order.evolve.ts`,
      `${SLICE}/refunds.policy.ts`,
    ]);
  });

  it('include, whatever their names, what domain files import at run time, transitively', () => {
    const files = tree({
      [`${SLICE}/place-order.decide.ts`]:
        "import { price } from './pricing';\nimport type { Http } from './place-order.http';",
      [`${SLICE}/pricing.ts`]: "export { round } from '../rounding';",
      'services/shop/src/order/rounding.ts': "import { randomUUID } from 'node:crypto';",
      [`${SLICE}/place-order.http.ts`]: "import { price } from './pricing';",
      [`${SLICE}/place-order.ts`]: "import { audit } from './audit';",
      [`${SLICE}/audit.ts`]: '',
    });

    expect(files).toEqual([
      `${SLICE}/place-order.decide.ts`,
      `${SLICE}/pricing.ts`,
      'services/shop/src/order/rounding.ts',
    ]);
  });

  it("include the registry's slice helpers (the semver rule, the alias check)", () => {
    const files = domainFiles(readServiceSources(resolve(__dirname, '../..')));

    expect(files).toEqual(
      expect.arrayContaining([
        'services/registry/src/model/registering-version/semver.ts',
        'services/registry/src/model/setting-alias/alias-name.ts',
      ]),
    );
    expect(files).not.toContain('services/registry/src/model/registering-version/register-version.ts');
  });
});
