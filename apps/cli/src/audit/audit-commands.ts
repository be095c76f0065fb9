import { Command } from 'commander';
import { Cli } from '../session';
import { registerChangelog } from './reading-changelog/changelog.command';
import { registerAudit } from './reading-timeline/audit.command';

export function registerAuditCommands(program: Command, cli: Cli): void {
  registerAudit(program, cli);
  registerChangelog(program, cli);
}
