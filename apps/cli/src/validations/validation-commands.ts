import { Command } from 'commander';
import { Cli } from '../session';
import { registerReport } from './reporting/report.command';
import { registerValidate } from './validating/validate.command';

export function registerValidationCommands(program: Command, cli: Cli): void {
  registerValidate(program, cli);
  registerReport(program, cli);
}
