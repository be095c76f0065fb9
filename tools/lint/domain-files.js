'use strict';
// Which files are domain code (DESIGN.md §6), for the purity rules of eslint.config.js. By name:
// slice decisions and evolutions (*.decide.ts, *.evolve.ts), policies, workflows, deciders,
// *.domain.ts, and <aggregate>.ts directly in its aggregate folder. And, whatever their names,
// every file those import at run time by relative path, transitively: a helper a decide function
// calls (a semver rule, an alias check) is domain code too, so it cannot sneak in a clock or I/O.
const fs = require('node:fs');
const path = require('node:path');

const DOMAIN_SUFFIXES = ['.decide.ts', '.evolve.ts', '.policy.ts', '.workflow.ts', '.decider.ts', '.domain.ts'];

/**
 * Domain by name alone; files are relative to the workspace, with forward slashes. An aggregate
 * folder is one with its <aggregate>.decider.ts (a query feature such as searching/ is not one).
 */
function isDomainByName(file, files) {
  if (file.endsWith('.spec.ts')) return false;
  if (DOMAIN_SUFFIXES.some((suffix) => file.endsWith(suffix))) return true;
  const aggregate = /^(services\/[^/]+\/src\/([^/]+))\/([^/]+)\.ts$/.exec(file);
  return aggregate !== null && aggregate[2] === aggregate[3] && files.has(`${aggregate[1]}/${aggregate[2]}.decider.ts`);
}

// import … from './x', export … from './x', import './x', import('./x'), require('./x'); not
// `import type`, which is erased before run time.
const RELATIVE_IMPORT =
  /(?:^|\n)\s*(?:import(?!\s+type\b)[^'"]*?from\s*|export[^'"]*?from\s*|import\s*\(?\s*|require\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

function relativeImports(source) {
  return [...source.matchAll(RELATIVE_IMPORT)].map((match) => match[1]);
}

/**
 * The domain files of a workspace given as file → source (relative paths, forward slashes): the
 * ones named so, and every file they reach by relative runtime imports.
 */
function domainFiles(sources) {
  const found = new Set([...sources.keys()].filter((file) => isDomainByName(file, sources)));
  const pending = [...found];
  while (pending.length > 0) {
    const file = pending.pop();
    for (const specifier of relativeImports(sources.get(file))) {
      const base = path.posix.join(path.posix.dirname(file), specifier);
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => sources.has(candidate));
      if (target && !found.has(target) && !target.endsWith('.spec.ts')) {
        found.add(target);
        pending.push(target);
      }
    }
  }
  return [...found].sort();
}

/** The TypeScript sources under services/*\/src, read from disk. */
function readServiceSources(workspaceRoot) {
  const sources = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(workspaceRoot, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(file);
      else if (entry.isFile() && entry.name.endsWith('.ts'))
        sources.set(file, fs.readFileSync(path.join(workspaceRoot, file), 'utf8'));
    }
  };
  for (const service of fs.readdirSync(path.join(workspaceRoot, 'services'))) {
    if (fs.existsSync(path.join(workspaceRoot, 'services', service, 'src'))) walk(`services/${service}/src`);
  }
  return sources;
}

module.exports = { DOMAIN_SUFFIXES, domainFiles, isDomainByName, readServiceSources };
