import { Command } from 'commander';
import { Cli } from '../session';
import { registerAlias } from './aliasing/alias.command';
import { registerCompare } from './comparing/compare.command';
import { registerBest } from './finding-best/best.command';
import { registerListVersions } from './listing/list-versions.command';
import { registerPromote } from './promoting/promote.command';
import { registerRegister } from './registering/register.command';
import { registerResolve } from './resolving/resolve.command';

export function registerVersionCommands(program: Command, cli: Cli): void {
  registerListVersions(program, cli);
  registerRegister(program, cli);
  registerPromote(program, cli);
  registerAlias(program, cli);
  registerResolve(program, cli);
  registerCompare(program, cli);
  registerBest(program, cli);
}
